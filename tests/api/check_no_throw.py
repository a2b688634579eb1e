#!/usr/bin/env python3
"""Fails when a public header lets a function throw that the error contract does not allow.

The contract (docs/errors.md): every public function reports an expected failure as a `Result`;
only the entries of ALLOWED below may throw, each for the reason given. The scan reads every header
under include/ticketflow/ and finds
  - `throw` in code and `noexcept(false)`: the function around it must be allowed;
  - a doc comment (`///`) saying the declaration after it throws: that declaration must be allowed;
  - a doc comment naming an error code (validation_failed, not_found, …) on a declaration that does
    not return `Result`: it reports failure some other way, so it must be allowed too.
An entry that no longer matches anything fails as well, so the list stays the truth.
"""
import pathlib
import re
import sys

# (header, symbol): reason. A finding is covered when `symbol` appears on the lines it concerns;
# "*" covers a whole header.
ALLOWED = {
    ("core/result.hpp", "value()"): "Result::value() throws Exception: the caller asked for a "
                                    "value that is not there (check first, or use the error)",
    ("core/result.hpp", "check()"): "Result's helper behind value()",
    ("core/result.hpp", "class [[nodiscard]] Result"): "its documented example calls value()",
    ("core/error.hpp", "class Exception"): "the one exception type; documents who throws it",
    ("core/json.hpp", "from_json"): "nlohmann's from_json adapters report failure by exception; "
                                    "they throw Exception (from_json_checked returns a Result)",
    ("core/json.hpp", "read_id"): "used by the from_json adapters of strong ids and enumerations",
    ("dispatch/json.hpp", "from_json"): "nlohmann adapter, throws Exception; Directory::make and "
                                        "RuleSet::make return Result",
    ("sla/calendar_json.hpp", "from_json"): "nlohmann adapter, throws Exception",
    ("sla/ticket_clocks_json.hpp", "from_json"): "nlohmann adapter, throws Exception",
    ("lifecycle/workflow_json.hpp", "from_json"): "nlohmann adapter, throws Exception; "
    "from_json_checked<Workflow> returns Result",
    ("sla/policy_json.hpp", "from_json"): "nlohmann adapter, throws Exception; PolicySet::make "
                                          "returns Result",
    ("engine.hpp", "Engine(std::shared_ptr<Store> store"): "documented to throw Exception; "
                                                           "Engine::create returns the Result",
    ("notify/relay.hpp", "Relay(std::shared_ptr<Store> store"): "documented to throw Exception; "
                                                                "Relay::create returns the Result",
    ("notify/webhook_notifier.hpp", "WebhookNotifier("): "constructor documented to throw "
                                                         "Exception for options that never work",
    ("core/clock.hpp", "explicit ManualClock(Timestamp start"): "constructor documented to throw "
                                                               "Exception for a start outside the "
                                                               "range of time; set and advance "
                                                               "return false instead",
    ("core/clock.hpp", "checked_start"): "ManualClock's constructor's helper",
    ("sla/deadline_queue.hpp", "*"): "standalone container with no ticketflow "
                                                 "dependency; like std containers it throws std "
                                                 "exceptions on misuse (empty top/pop, a stale "
                                                 "handle) and beyond max_size",
    ("lifecycle/lifecycle.hpp", "Transition fire("): "noexcept; returns a Transition that carries "
                                                     "the refusal, truthy when allowed",
}

ERROR_CODES = ("validation_failed", "not_found", "storage_failure", "permission_denied",
               "invalid_transition", "version_conflict", "sequence_exhausted", "corrupt")
NEGATED = re.compile(r"(never|not|n't)\s+(\w+\s+)?throws?\b", re.I)
WINDOW = 12  # lines looked at around a finding for the symbol it concerns


def code_part(line):
    return line.split("//", 1)[0]


def declaration_after(lines, i):
    """The declaration a doc comment ending before line i documents: its code lines up to the
    first `;` or `{`."""
    declaration = []
    for line in lines[i:i + 6]:
        if line.strip().startswith("//"):
            break
        declaration.append(line)
        if ";" in line or "{" in line:
            break
    return declaration


def findings(path, text):
    lines = text.splitlines()
    for i, line in enumerate(lines):
        code = code_part(line)
        if re.search(r"\bthrow\b", code) or "noexcept(false)" in code:
            yield i + 1, "throws", lines[max(0, i - WINDOW):i + 1]
        stripped = line.strip()
        if not stripped.startswith("///") or (i + 1 < len(lines) and
                                             lines[i + 1].strip().startswith("///")):
            continue  # judge a doc comment once, at its last line, with all its text
        start = i
        while start > 0 and lines[start - 1].strip().startswith("///"):
            start -= 1
        doc = " ".join(l.strip()[3:] for l in lines[start:i + 1])
        declaration = declaration_after(lines, i + 1)
        signature = " ".join(declaration)
        if signature.lstrip().startswith("#"):
            continue  # a file's own description; the code it describes is scanned line by line
        if re.search(r"\bthrows?\b", doc, re.I) and not NEGATED.search(doc):
            yield i + 1, "documented to throw", declaration
        elif (any(code in doc for code in ERROR_CODES) and "(" in signature
              and "Result<" not in signature and not signature.lstrip().startswith(("struct",
                                                                                   "class",
                                                                                   "enum"))):
            yield i + 1, "names an error code but returns no Result", declaration


def covered(header, window):
    text = "\n".join(window)
    return [key for key in ALLOWED if key[0] == header and (key[1] == "*" or key[1] in text)]


def main(root):
    include = pathlib.Path(root) / "include" / "ticketflow"
    problems, used = [], set()
    for path in sorted(include.rglob("*.hpp")):
        header = path.relative_to(include).as_posix()
        for line, kind, window in findings(path, path.read_text(encoding="utf-8")):
            keys = covered(header, window)
            if not keys:
                problems.append(f"include/ticketflow/{header}:{line}: {kind}, not in the allow-list")
            used.update(keys)
    for key in sorted(set(ALLOWED) - used):
        problems.append(f"allow-list entry {key} matches nothing any more: remove it")
    for problem in problems:
        print(problem)
    print(f"{len(used)} allow-list entries in use, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
