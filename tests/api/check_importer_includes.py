#!/usr/bin/env python3
"""Fails when the importer reaches below the engine's public API.

The importer sits above the engine (docs/architecture.md): its sources may include public headers
(`<ticketflow/...>`) and their own (`"importer/..."`), nothing of another module's `src/`.
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
QUOTED = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
problems = []
for path in sorted((root / "src" / "importer").glob("*.[ch]pp")):
    for header in QUOTED.findall(path.read_text(encoding="utf-8")):
        if not header.startswith("importer/"):
            problems.append(f"{path.relative_to(root)} includes \"{header}\": not public API")
for problem in problems:
    print(problem)
print(f"{len(problems)} includes below the public API")
sys.exit(1 if problems else 0)
