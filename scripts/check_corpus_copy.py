"""Are the repository's copies of the owner's files still the owner's? `python scripts/check_corpus_copy.py`

tests/corpus (gold answers, dev articles, the scorer) and seeds/ are copies of ../shared, kept so that any
clone runs the suite (issue 15). A stale copy would score the extractor against old answers, so run this
where ../shared sits beside the clone, after the owner changes it: it names every file that differs and
exits 1. It is not part of the test suite, which must never read outside the repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
COPIES = [
    ("tests/corpus/gold", "gold"),
    ("tests/corpus/dev/articles", "dev/articles"),
    ("tests/corpus/dev2/articles", "dev2/articles"),
    ("tests/corpus/score_extraction.py", "tools/score_extraction.py"),
    ("seeds", "seeds"),
]


def _files(root: Path) -> dict[str, bytes]:
    if root.is_file():
        return {root.name: root.read_bytes()}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def differences(shared: Path = SHARED) -> list[str]:
    """One line per file missing on either side or differing in a byte."""
    out: list[str] = []
    for copy, original in COPIES:
        ours, theirs = _files(REPO / copy), _files(shared / original)
        if copy == "seeds":  # seeds/ may hold more than the articles; each article must be the owner's
            ours = {k: v for k, v in ours.items() if k.endswith(".txt")}
            theirs = {k: v for k, v in theirs.items() if k.endswith(".txt")}
        for name in sorted(set(ours) | set(theirs)):
            if ours.get(name) != theirs.get(name):
                state = "missing here" if name not in ours else "not in ../shared" if name not in theirs else "differs"
                out.append(f"{copy}/{name}: {state}")
    return out


def main() -> int:
    if not SHARED.is_dir():
        print(f"no {SHARED}: nothing to compare with", file=sys.stderr)
        return 2
    found = differences()
    print("\n".join(found) if found else "the copies are the owner's files, byte for byte")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
