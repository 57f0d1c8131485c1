"""Storing articles: re-ingest is idempotent, changed bytes replace an article's rows in place, one
broken file never stops the others, and every original is kept byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from app.ingest.pipeline import ingest_paths
from app.ingest.process import process_article
from app.models import DATA_VERSION_KEY, Article, Incentive, IncentiveTargetLevel, Meta, Metric, Place, Policy
from tests.ingest.helpers import SEED_FILES, seed_bytes, seed_text


def _copy_seeds(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for path in SEED_FILES:
        shutil.copy(path, dest / path.name)
    return dest


def snapshot(engine: Engine) -> dict[str, list[tuple]]:
    """Every fact row, keyed by what identifies it, so two runs can be compared exactly."""
    with Session(engine) as s:
        return {
            "articles": s.execute(
                select(Article.id, Article.file_name, Article.content_hash).order_by(Article.id)
            ).all(),
            "incentives": s.execute(
                select(
                    Incentive.article_id, Incentive.category, Incentive.amount_yuan, Incentive.quote
                ).order_by(
                    Incentive.article_id, Incentive.quote_start, Incentive.category, Incentive.amount_yuan
                )
            ).all(),
            "metrics": s.execute(
                select(Metric.article_id, Metric.name, Metric.value).order_by(Metric.article_id, Metric.id)
            ).all(),
            "policies": s.execute(select(Policy.article_id, Policy.name).order_by(Policy.id)).all(),
            "levels": s.execute(select(func.count()).select_from(IncentiveTargetLevel)).all(),
        }


def data_version(engine: Engine) -> str | None:
    with Session(engine) as s:
        meta = s.get(Meta, DATA_VERSION_KEY)
        return meta.value if meta else None


def test_seeds_go_in_with_their_places_and_facts(engine: Engine, tmp_path: Path) -> None:
    report = ingest_paths([_copy_seeds(tmp_path / "in")], engine)
    assert [r.status for r in report.results] == ["added"] * 5
    assert [r.place for r in report.results] == [
        "克拉玛依市",
        "阿克苏地区",
        "大庆市",
        "昌吉回族自治州",
        "鄂尔多斯市",
    ]
    with Session(engine) as s:
        rows = s.execute(
            select(Article.file_name, Place.name, func.count(Incentive.id))
            .join(Place, Place.id == Article.place_id)
            .outerjoin(Incentive, Incentive.article_id == Article.id)
            .group_by(Article.file_name, Place.name)
            .order_by(Article.file_name)
        ).all()
    assert [(f, p) for f, p, _ in rows] == [(r.file_name, r.place) for r in report.results]
    assert [n for *_, n in rows] == [r.incentives for r in report.results]
    assert all(n > 0 for *_, n in rows)


def test_re_ingest_is_idempotent(engine: Engine, tmp_path: Path) -> None:
    folder = _copy_seeds(tmp_path / "in")
    first = ingest_paths([folder], engine)
    before, version = snapshot(engine), data_version(engine)
    second = ingest_paths([folder], engine)
    assert [r.status for r in second.results] == ["unchanged"] * 5
    # an unchanged file still reports what is stored for it
    assert [(r.place, r.incentives, r.metrics, r.warnings) for r in second.results] == [
        (r.place, r.incentives, r.metrics, r.warnings) for r in first.results
    ]
    assert snapshot(engine) == before
    assert data_version(engine) == version


def test_forced_re_ingest_replaces_rows_without_duplicating(engine: Engine, tmp_path: Path) -> None:
    folder = _copy_seeds(tmp_path / "in")
    ingest_paths([folder], engine)
    before, version = snapshot(engine), data_version(engine)
    report = ingest_paths([folder], engine, force=True)
    assert [r.status for r in report.results] == ["replaced"] * 5
    after = snapshot(engine)
    assert after == before  # same article ids, same facts, no duplicates
    assert data_version(engine) != version


def test_changed_bytes_replace_that_article_only_and_keep_its_id(engine: Engine, tmp_path: Path) -> None:
    folder = _copy_seeds(tmp_path / "in")
    ingest_paths([folder], engine)
    before = snapshot(engine)
    target = folder / SEED_FILES[1].name
    edited = seed_text("001").replace(
        "一次性50万元购房补助;硕士研究生给予一次性40万元", "一次性60万元购房补助;硕士研究生给予一次性45万元"
    )
    assert edited != seed_text("001")
    target.write_text(edited, "utf-8")
    report = ingest_paths([folder], engine)
    assert [r.status for r in report.results] == [
        "unchanged",
        "replaced",
        "unchanged",
        "unchanged",
        "unchanged",
    ]
    after = snapshot(engine)
    assert [a[:2] for a in after["articles"]] == [a[:2] for a in before["articles"]]
    article_id = before["articles"][1][0]
    fresh = process_article(target.name, target.read_bytes()).extraction.incentives
    stored = [(c, a, q) for aid, c, a, q in after["incentives"] if aid == article_id]
    assert sorted(stored, key=str) == sorted(((f.category, f.amount_yuan, f.quote) for f in fresh), key=str)
    assert ("housing_subsidy", 600_000) in [(c, a) for c, a, _ in stored]
    assert ("housing_subsidy", 450_000) in [(c, a) for c, a, _ in stored]
    assert [r for r in after["incentives"] if r[0] != article_id] == [
        r for r in before["incentives"] if r[0] != article_id
    ]


def test_originals_are_stored_as_read(engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    gbk = seed_text("001").encode("gbk")
    (folder / "akesu-gbk.txt").write_bytes(gbk)
    (folder / "klmy.txt").write_bytes(seed_bytes("000"))
    ingest_paths([folder], engine)
    with Session(engine) as s:
        rows = {a.file_name: a for a in s.execute(select(Article)).scalars()}
        assert rows["akesu-gbk.txt"].raw_bytes == gbk
        assert rows["akesu-gbk.txt"].encoding == "gb18030"
        assert rows["akesu-gbk.txt"].original_text == seed_text("001")
        assert rows["klmy.txt"].raw_bytes == seed_bytes("000")
        assert rows["klmy.txt"].original_text == seed_text("000")  # traditional, glosses and all
        assert "醫(yī)療" in rows["klmy.txt"].original_text
        assert "医疗" in rows["klmy.txt"].normalised_text
        assert rows["klmy.txt"].script == "traditional"


def test_one_broken_file_among_good_ones(engine: Engine, tmp_path: Path) -> None:
    folder = _copy_seeds(tmp_path / "in")
    (folder / "00_empty.txt").write_bytes(b"")
    (folder / "01_image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    raw = seed_bytes("003")
    cut = next(i for i in range(1000, len(raw)) if raw[i] >= 0xE0)  # a three-byte character starts
    (folder / "02_cut.txt").write_bytes(raw[: cut + 2])
    big5 = "\n".join(line for line in seed_text("002").split("\n") if line.strip() and _encodes(line, "big5"))
    (folder / "zz_daqing_big5.txt").write_bytes(big5.encode("big5"))
    report = ingest_paths([folder], engine)
    outcome = {r.file_name: (r.status, r.error) for r in report.results}
    assert outcome["00_empty.txt"] == ("failed", "file is empty")
    assert outcome["01_image.txt"] == ("failed", "an image (PNG); a picture of a notice needs OCR before it can be read")
    assert outcome["02_cut.txt"][0] == "failed"
    assert "truncated UTF-8" in outcome["02_cut.txt"][1]
    assert outcome["zz_daqing_big5.txt"] == ("added", None)
    assert report.count("added") == 6 and report.count("failed") == 3
    with Session(engine) as s:
        names = set(s.execute(select(Article.file_name)).scalars())
        daqing = s.execute(
            select(Place.name)
            .join(Article, Article.place_id == Place.id)
            .where(Article.file_name == "zz_daqing_big5.txt")
        ).scalar_one()
    assert names == {p.name for p in SEED_FILES} | {"zz_daqing_big5.txt"}
    assert daqing == "大庆市"


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def test_a_file_over_the_size_limit_is_refused_by_name(
    engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _copy_seeds(tmp_path / "in")
    limit = max(p.stat().st_size for p in SEED_FILES)
    (folder / "huge.txt").write_bytes(seed_bytes("001") * 4)
    monkeypatch.setenv("ATLAS_MAX_ARTICLE_BYTES", str(limit))
    report = ingest_paths([folder], engine)
    [huge] = [r for r in report.results if r.file_name == "huge.txt"]
    size = (folder / "huge.txt").stat().st_size
    assert huge.status == "failed"
    assert huge.error == f"file is {size:,} bytes, over the limit of {limit:,} (ATLAS_MAX_ARTICLE_BYTES)"
    assert huge.line() == f"✗ huge.txt: {huge.error}"
    assert report.count("added") == 5


def test_hidden_files_are_skipped(engine: Engine, tmp_path: Path) -> None:
    folder = _copy_seeds(tmp_path / "in")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    report = ingest_paths([folder], engine)
    assert len(report.results) == 5


def test_the_report_lines_say_what_happened(engine: Engine, tmp_path: Path) -> None:
    folder = _copy_seeds(tmp_path / "in")
    first = ingest_paths([folder], engine)
    klmy = first.results[0]
    assert klmy.line() == (
        f"✓ {klmy.file_name}  克拉玛依市  incentives {klmy.incentives}  metrics {klmy.metrics}"
        "  warnings: damaged characters"
    )
    again = ingest_paths([folder], engine).results[1]
    assert again.line().endswith("unchanged")
    assert first.summary().startswith("5 files: 5 added, 0 replaced, 0 unchanged, 0 failed · ")


def test_an_offers_terms_are_stored_typed_and_as_a_line(engine: Engine, tmp_path: Path) -> None:
    """The calculator reads condition_items (issue 11: typed terms); pages and search read the line."""
    ingest_paths([_copy_seeds(tmp_path / "in")], engine)
    with Session(engine) as s:
        row = s.execute(select(Incentive).where(Incentive.amount_yuan == 500_000)).scalars().first()
    assert row is not None
    assert row.conditions == "全职引进；在地区连续工作满5年；在地区范围内购房；经认定后"
    assert row.condition_items == [
        {"kind": "recruitment", "text": "全职引进", "years": None},
        {"kind": "service", "text": "在地区连续工作满5年", "years": 5},
        {"kind": "purchase", "text": "在地区范围内购房", "years": None},
        {"kind": "certification", "text": "经认定后", "years": None},
    ]
