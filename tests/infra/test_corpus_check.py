"""scripts/check_corpus_copy.py finds a copy that drifted from the owner's files; tried here on a
stand-in for ../shared built from the repository's own copies, since the suite never reads ../shared."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("check_corpus_copy", REPO / "scripts" / "check_corpus_copy.py")
assert _spec and _spec.loader
check = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check)


def _stand_in(root: Path) -> Path:
    for copy, original in check.COPIES:
        source, dest = REPO / copy, root / original
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_file():
            shutil.copy(source, dest)
        else:
            shutil.copytree(source, dest)
    return root


def test_identical_copies_have_no_differences(tmp_path: Path) -> None:
    assert check.differences(_stand_in(tmp_path / "shared")) == []


def test_a_changed_answer_and_a_new_article_are_named(tmp_path: Path) -> None:
    shared = _stand_in(tmp_path / "shared")
    gold = sorted((shared / "gold" / "dev2").glob("*.json"))[0]
    gold.write_bytes(gold.read_bytes() + b" ")
    (shared / "dev2" / "articles" / "zz_new.txt").write_text("新文章", encoding="utf-8")
    assert check.differences(shared) == [
        f"tests/corpus/gold/dev2/{gold.name}: differs",
        "tests/corpus/dev2/articles/zz_new.txt: missing here",
    ]
