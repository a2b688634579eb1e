#!/usr/bin/env bash
# Sets everything up and runs the demo: an optimised build of the quickstart example, end to end.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

cmake --preset release >/dev/null
cmake --build --preset release --target quickstart
./build/release/examples/quickstart
