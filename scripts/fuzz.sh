#!/usr/bin/env bash
# Builds and runs one libFuzzer target (docs/fuzzing.md).
#
#   scripts/fuzz.sh list                  the targets
#   scripts/fuzz.sh TARGET SECONDS        fuzz TARGET for SECONDS on a scratch copy of its corpus
#   scripts/fuzz.sh TARGET SECONDS merge  the same, then add the inputs that reached new coverage
#                                         to tests/fuzz/corpus/TARGET (minimised by libFuzzer)
#
# The build is clang's own (build/fuzz, -fsanitize=fuzzer,address,undefined), apart from the gcc
# presets; clang and libFuzzer's runtime are installed here when missing, so the main test command
# never needs them. New inputs and crash files go to a scratch directory (FUZZ_WORK_DIR, by default
# /tmp/ticketflow-fuzz/TARGET), never into the repository unless `merge` is asked for.
set -euo pipefail
cd "$(dirname "$0")/.."

targets() {
  for file in tests/fuzz/*_fuzz.cpp; do
    basename "$file" _fuzz.cpp
  done
}

usage() {
  echo "usage: scripts/fuzz.sh list | TARGET SECONDS [merge]" >&2
  exit 2
}

[ $# -ge 1 ] || usage
if [ "$1" = list ]; then
  targets
  exit 0
fi
[ $# -ge 2 ] || usage
target="$1"
seconds="$2"
mode="${3:-}"
targets | grep -x "$target" >/dev/null || { echo "fuzz: no target '$target' (see scripts/fuzz.sh list)" >&2; exit 2; }
# libFuzzer reads -max_total_time=0 as "no limit": a run always has one.
if ! [[ "$seconds" =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then usage; fi
[ -z "$mode" ] || [ "$mode" = merge ] || usage

# clang with libFuzzer: Debian's clang and its compiler-rt (libclang-rt-14-dev on bookworm).
fuzzer_works() {
  local probe
  probe="$(mktemp -d)"
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' \
    >"$probe/probe.cpp"
  clang++ -fsanitize=fuzzer,address,undefined "$probe/probe.cpp" -o "$probe/probe" 2>/dev/null
  local ok=$?
  rm -rf "$probe"
  return $ok
}
if ! command -v clang++ >/dev/null || ! fuzzer_works; then
  echo "fuzz: installing clang and libFuzzer's runtime"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends clang libclang-rt-14-dev
  fuzzer_works || { echo "fuzz: clang++ -fsanitize=fuzzer does not link" >&2; exit 1; }
fi

# Every library gets coverage instrumentation and ASan+UBSan; only fuzz_<target> links libFuzzer.
# Warnings are gcc's business (the presets); clang may warn differently, so they do not fail here.
build_dir=build/fuzz
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined"
flags+=" -fno-sanitize-recover=undefined"
cmake -S . -B "$build_dir" -G Ninja \
  -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE= \
  -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DCMAKE_SHARED_LINKER_FLAGS="-fsanitize=address,undefined" \
  -DTICKETFLOW_BUILD_TESTS=ON -DTICKETFLOW_BUILD_FUZZERS=ON \
  -DTICKETFLOW_BUILD_EXAMPLES=OFF -DTICKETFLOW_BUILD_BENCHMARKS=OFF -DTICKETFLOW_PYTHON=OFF \
  -DTICKETFLOW_WARNINGS_AS_ERRORS=OFF >/dev/null
cmake --build "$build_dir" -j "${FUZZ_JOBS:-2}" --target "fuzz_$target"

seeds="tests/fuzz/corpus/$target"
work="${FUZZ_WORK_DIR:-/tmp/ticketflow-fuzz/$target}"
rm -rf "$work"
mkdir -p "$work/corpus" "$work/artifacts"
cp -r "$seeds"/. "$work/corpus/"

echo "fuzz: $target for ${seconds}s; corpus and crashes in $work"
set +e
# -fork=1 with -ignore_crashes: a finding is saved and the run goes on, so one known bug does not
# end a long run; each finding lands in $work/artifacts.
"$build_dir/tests/fuzz/fuzz_$target" "$work/corpus" \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
  -artifact_prefix="$work/artifacts/" 2>&1 | tee "$work/log.txt" |
  grep -E '^#[0-9]+:? |ERROR|SUMMARY|invariant|threw|Test unit written|INFO: (exiting|fuzzed)'
status=${PIPESTATUS[0]}
set -e

echo "fuzz: last status line:"
grep -E '^#[0-9]+' "$work/log.txt" | tail -n 1 || true
findings=("$work"/artifacts/*)
if [ -e "${findings[0]}" ]; then
  echo "fuzz: FINDINGS (exit $status):"
  printf '  %s\n' "${findings[@]}"
  echo "  replay one with: $build_dir/tests/fuzz/fuzz_$target FILE"
else
  echo "fuzz: no findings (exit $status)"
fi

if [ "$mode" = merge ]; then
  # -merge=1 keeps only the inputs that add coverage to what the checked-in corpus reaches.
  "$build_dir/tests/fuzz/fuzz_$target" -merge=1 -max_len=8192 "$seeds" "$work/corpus" 2>&1 |
    grep -E 'MERGE-OUTER: [0-9]+ new files' || true
fi
exit "$status"
