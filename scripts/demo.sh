#!/usr/bin/env bash
# Sets everything up and runs the demo: an optimised build of the quickstart example, end to end,
# on the embedded SQLite store (ticketflow-demo.db in the repository root, or the path given as the
# first argument), and the Python package installed for Debian's /usr/bin/python3 so
# `import ticketflow` works; the Python quickstart then opens the same file.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

cmake --preset release >/dev/null
cmake --build --preset release --target quickstart ticketflow_python_package
cmake --install build/release --component python >/dev/null
database="${1:-ticketflow-demo.db}"
./build/release/examples/quickstart "$database"
echo
/usr/bin/python3 examples/python/quickstart.py "$database"
