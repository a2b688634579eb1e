#!/usr/bin/env python3
"""Fails when a ```cpp or ```python block in README.md or docs/*.md is not taken from real code.

Documentation code must come from programs that the build compiles or the tests run (examples/,
tests/package/, tests/python/), so a block is accepted when its text, ignoring indentation, runs of
spaces and blank lines, appears in one of them.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
SOURCES = {
    "cpp": [("examples", "*.cpp"), ("tests/package", "*.cpp")],
    "python": [("examples", "*.py"), ("tests/python", "*.py")],
}


def normalise(text):
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def sources_of(language):
    return [normalise(path.read_text(encoding="utf-8"))
            for folder, pattern in SOURCES[language] for path in (root / folder).rglob(pattern)]


real_code = {language: sources_of(language) for language in SOURCES}
failures = []
checked = 0
for doc in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
    text = doc.read_text(encoding="utf-8")
    for language, block in re.findall(r"```(cpp|python)\n(.*?)```", text, re.S):
        checked += 1
        if not any(normalise(block) in source for source in real_code[language]):
            first = block.splitlines()[0] if block.strip() else "(empty)"
            failures.append(f"{doc.relative_to(root)}: {language} block starting {first!r}")

for failure in failures:
    print("not found in any example or test:", failure)
print(f"{checked} code blocks checked, {len(failures)} not taken from examples or tests")
sys.exit(1 if failures or checked == 0 else 0)
