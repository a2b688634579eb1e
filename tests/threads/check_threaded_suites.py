#!/usr/bin/env python3
"""Fails when tests/threads/threaded_suites.txt misses a test suite that runs threads, or names one
that no longer exists.

The `tsan` preset runs only the listed suites (TICKETFLOW_TEST_SET=threads), so a threaded test left
off the list would never meet ThreadSanitizer. A test file runs threads when its code, or a test
header it includes (directly or through other test headers), starts one: std::thread, std::jthread,
std::async, a BackgroundTicker or BackgroundRelay, a PeriodicThread. Every suite of such a file must
be listed; the whole file counts, because a helper that starts the threads may sit anywhere in it.
"""
import pathlib
import re
import sys

MARKERS = re.compile(r"\bstd::(thread|jthread|async)\b|\bBackground(Ticker|Relay)\b|\bPeriodicThread\b")
SUITE = re.compile(r"^\s*(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\(\s*(\w+)\s*,", re.M)
LOCAL_INCLUDE = re.compile(r'^\s*#include\s+"([^"]+)"', re.M)


def code_of(path):
    """The file without its comments, so that prose about threads does not count."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


def starts_threads(path, tests_dir, seen):
    if path in seen:
        return False
    seen.add(path)
    code = code_of(path)
    if MARKERS.search(code):
        return True
    for included in LOCAL_INCLUDE.findall(code):
        header = tests_dir / included
        if header.is_file() and starts_threads(header, tests_dir, seen):
            return True
    return False


def listed_suites(list_file):
    lines = list_file.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def main(root):
    tests_dir = pathlib.Path(root) / "tests"
    listed = listed_suites(tests_dir / "threads" / "threaded_suites.txt")
    problems = [f"{name} is listed twice" for name in sorted({n for n in listed if listed.count(n) > 1})]
    existing, threaded = set(), {}
    for path in sorted(tests_dir.rglob("*_test.cpp")):
        suites = set(SUITE.findall(code_of(path)))
        existing |= suites
        if starts_threads(path, tests_dir, set()):
            for suite in suites:
                threaded[suite] = path.relative_to(tests_dir.parent).as_posix()
    for suite, path in sorted(threaded.items()):
        if suite not in listed:
            problems.append(f"{path} runs threads: add its suite {suite} to "
                            "tests/threads/threaded_suites.txt")
    for suite in listed:
        if suite not in existing:
            problems.append(f"{suite} is listed but no test file has it: remove it")
    for problem in problems:
        print(problem)
    print(f"{len(threaded)} suites run threads, {len(listed)} listed, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
