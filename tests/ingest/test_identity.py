"""An article is its path, not its base name (issue 15): two x.txt in two folders are two articles,
the same bytes under two names are stored once, and a database from before keeps its articles."""

from __future__ import annotations

import io
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.export.command import write_originals, write_table
from app.ingest.pipeline import ingest_paths
from app.models import Article
from tests.ingest.helpers import seed_bytes


def _write(path: Path, raw: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


def _articles(engine: Engine) -> dict[str, int]:
    with Session(engine) as s:
        return {a.file_name: a.id for a in s.scalars(select(Article).order_by(Article.id))}


def test_two_files_with_one_base_name_are_two_articles(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder / "2023" / "x.txt", seed_bytes("001"))
    _write(folder / "2024" / "x.txt", seed_bytes("002"))
    report = ingest_paths([folder], engine)
    assert [(r.file_name, r.status) for r in report.results] == [("2023/x.txt", "added"), ("2024/x.txt", "added")]
    again = ingest_paths([folder], engine)
    assert [r.status for r in again.results] == ["unchanged", "unchanged"]
    assert set(_articles(engine)) == {"2023/x.txt", "2024/x.txt"}

    buf = io.StringIO()
    with Session(engine) as s:
        write_table(s, "incentives", "json", buf)
        write_originals(s, tmp_path / "out")
    assert {row["file"] for row in json.loads(buf.getvalue())} == {"2023/x.txt", "2024/x.txt"}
    assert (tmp_path / "out" / "2023" / "x.txt").read_bytes() == seed_bytes("001")
    assert (tmp_path / "out" / "2024" / "x.txt").read_bytes() == seed_bytes("002")


def test_the_same_bytes_under_two_names_are_stored_once(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder / "a.txt", seed_bytes("003"))
    _write(folder / "copy" / "a-again.txt", seed_bytes("003"))
    report = ingest_paths([folder], engine)
    assert [r.status for r in report.results] == ["added", "duplicate"]
    assert report.results[1].line() == "= copy/a-again.txt: same as a.txt, stored once"
    assert "1 duplicate" in report.summary()
    assert list(_articles(engine)) == ["a.txt"]
    assert [r.status for r in ingest_paths([folder], engine).results] == ["unchanged", "duplicate"]


def test_an_article_stored_by_its_base_name_keeps_its_id(engine: Engine, tmp_path: Path) -> None:
    """Before names were paths an article was stored as "x.txt": the first x.txt of a later run takes
    it over (changed bytes replace it in place); a second x.txt elsewhere is an article of its own."""
    _write(tmp_path / "old" / "x.txt", seed_bytes("004"))
    ingest_paths([tmp_path / "old"], engine)
    old_id = _articles(engine)["x.txt"]
    folder = tmp_path / "new"
    _write(folder / "a" / "x.txt", seed_bytes("004") + "\n补充说明。\n".encode())
    _write(folder / "b" / "x.txt", seed_bytes("002"))
    report = ingest_paths([folder], engine)
    assert [(r.file_name, r.status) for r in report.results] == [("x.txt", "replaced"), ("b/x.txt", "added")]
    assert _articles(engine)["x.txt"] == old_id


def test_a_file_named_by_itself_is_known_by_its_absolute_path(engine: Engine, tmp_path: Path) -> None:
    path = _write(tmp_path / "deep" / "folder" / "y.txt", seed_bytes("001"))
    [result] = ingest_paths([path], engine).results
    assert (result.file_name, result.status) == (str(path.resolve()), "added")
    buf = io.StringIO()
    with Session(engine) as s:
        write_table(s, "incentives", "json", buf)
    assert {row["file"] for row in json.loads(buf.getvalue())} == {"y.txt"}  # unique: its base name


def test_entries_that_are_not_read_are_named_with_their_reason(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _write(folder / "a.txt", seed_bytes("001"))
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a link back up: never followed
    (folder / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    _write(folder / ".hidden" / "b.txt", seed_bytes("002"))  # hidden: passed over without a word
    report = ingest_paths([folder], engine)
    lines = [r.line() for r in report.results]
    assert "- gone.txt: skipped, a link to nothing" in lines
    assert "- loop: skipped, a link to a folder, not followed" in lines
    assert [r.file_name for r in report.results if r.status == "added"] == ["a.txt"]
    assert "1 added" in report.summary() and "2 skipped" in report.summary()
    assert report.stored == 1
