#!/usr/bin/env python3
"""Fails when a ```cpp block in README.md or docs/*.md is not taken verbatim from a compiled file.

Documentation code must come from programs that the build compiles (examples/, tests/package/), so
a block is accepted when its text, ignoring indentation and blank lines, appears in one of them.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
sources = [p for folder in ("examples", "tests/package") for p in (root / folder).rglob("*.cpp")]


def normalise(text):
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


compiled = {p: normalise(p.read_text(encoding="utf-8")) for p in sources}
failures = []
checked = 0
for doc in [root / "README.md", *sorted((root / "docs").glob("*.md"))]:
    for block in re.findall(r"```cpp\n(.*?)```", doc.read_text(encoding="utf-8"), re.S):
        checked += 1
        wanted = normalise(block)
        if not any(wanted in text for text in compiled.values()):
            failures.append(f"{doc.relative_to(root)}: block starting {block.splitlines()[0]!r}")

for failure in failures:
    print("not found in any compiled example:", failure)
print(f"{checked} C++ blocks checked, {len(failures)} not from compiled files")
sys.exit(1 if failures or checked == 0 else 0)
