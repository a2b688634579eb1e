#!/usr/bin/env bash
# Sets everything up and runs every test: the `dev` build, then the `asan` build (AddressSanitizer +
# UndefinedBehaviorSanitizer). Works non-interactively (CI=true, no terminal) on a fresh Debian.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

for preset in dev asan; do
  echo "== ${preset}: configure, build, test"
  cmake --preset "${preset}"
  cmake --build --preset "${preset}"
  ctest --preset "${preset}"
done
