#!/usr/bin/env bash
# Sets everything up and runs every test: the `dev` build, then the `asan` build (AddressSanitizer +
# UndefinedBehaviorSanitizer), then the `tsan` build (ThreadSanitizer). Works non-interactively
# (CI=true, no terminal) on a fresh Debian, with or without ../shared beside the clone: tests that
# need ../shared/data skip with a message, unless TICKETFLOW_REQUIRE_SHARED_DATA=1 (as .ci/run sets
# it) makes them fail instead.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh

for preset in dev asan tsan; do
  echo "== ${preset}: configure, build, test"
  cmake --preset "${preset}"
  cmake --build --preset "${preset}"
  ctest --preset "${preset}"
done
