"""The annotated corpus in tests/corpus and the seeds are copies of the owner's files in ../shared,
kept so that any clone runs the suite (issue 15). Where ../shared is present (the owner's machine,
a development checkout beside it) they must be byte for byte the same: a stale copy would score the
extractor against old answers. A clone elsewhere has nothing to compare with."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.mark.skipif(not SHARED.is_dir(), reason="no ../shared beside this clone: nothing to compare with")
@pytest.mark.parametrize(("copy", "original"), COPIES, ids=[c for c, _ in COPIES])
def test_the_copy_is_the_owners_file_byte_for_byte(copy: str, original: str) -> None:
    ours, theirs = _files(REPO / copy), _files(SHARED / original)
    if copy == "seeds":  # the project's seeds/ may hold the seeds only; each must be the owner's
        theirs = {k: v for k, v in theirs.items() if k.endswith(".txt")}
        ours = {k: v for k, v in ours.items() if k.endswith(".txt")}
    assert sorted(ours) == sorted(theirs)
    assert [k for k in ours if ours[k] != theirs[k]] == []
