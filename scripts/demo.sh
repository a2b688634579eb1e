#!/usr/bin/env bash
# Sets everything up and runs the demo: an optimised build of the quickstart example, end to end,
# and the Python package installed for Debian's /usr/bin/python3 so `import ticketflow` works.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

cmake --preset release >/dev/null
cmake --build --preset release --target quickstart ticketflow_python_package
cmake --install build/release --component python >/dev/null
./build/release/examples/quickstart
echo
/usr/bin/python3 examples/python/quickstart.py
