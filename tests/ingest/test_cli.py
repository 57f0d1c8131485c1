"""`python -m app ingest`, run as a user runs it: exit codes, one line per file, the summary."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.ingest.helpers import SEED_FILES, run_cli, seed_bytes

SUMMARY = re.compile(r"^(\d+) files: (\d+) added, (\d+) replaced, (\d+) unchanged, (\d+) failed · [\d.]+ s$")


def _summary(stdout: str) -> tuple[int, ...]:
    m = SUMMARY.match(stdout.strip().split("\n")[-1])
    assert m, stdout
    return tuple(int(g) for g in m.groups())


def test_good_and_broken_files_exit_0_with_a_line_each(database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for path in SEED_FILES[:2]:
        shutil.copy(path, folder / path.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)))
    (folder / "gbk.txt").write_bytes(seed_bytes("003").decode("utf-8").encode("gbk"))

    result = run_cli(database_url, "ingest", str(folder))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().split("\n")
    assert lines[:-1] == [
        f"✓ {SEED_FILES[0].name}  克拉玛依市  incentives 15  metrics 3  warnings: damaged characters",
        f"✓ {SEED_FILES[1].name}  阿克苏地区  incentives 17  metrics 4",
        "✗ empty.txt: file is empty",
        "✓ gbk.txt  昌吉回族自治州  incentives 2  metrics 23",
        "✗ photo.txt: an image (JPEG); a picture of a notice needs OCR before it can be read",
    ]
    assert _summary(result.stdout) == (5, 3, 0, 0, 2)

    again = run_cli(database_url, "ingest", str(folder))
    assert again.returncode == 0
    assert again.stdout.split("\n")[0].endswith("unchanged  warnings: damaged characters")
    assert _summary(again.stdout) == (5, 0, 0, 3, 2)


def test_files_can_be_named_one_by_one(database_url: str) -> None:
    result = run_cli(database_url, "ingest", "--quiet", str(SEED_FILES[2]), str(SEED_FILES[4]))
    assert result.returncode == 0
    assert result.stdout.strip().split("\n") == [result.stdout.strip()]  # --quiet: the summary only
    assert _summary(result.stdout) == (2, 2, 0, 0, 0)


def test_exit_1_when_no_file_went_in(database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"  # tmp_path itself holds the SQLite database
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "cut.txt").write_bytes("对全职引进的博士研究生给予一次性50万元购房补助".encode()[:-2])
    result = run_cli(database_url, "ingest", str(folder))
    assert result.returncode == 1
    lines = result.stdout.strip().split("\n")
    assert lines[0] == "✗ cut.txt: truncated UTF-8 sequence at byte 65 (the file was cut short)"
    assert lines[1] == "✗ empty.txt: file is empty"
    assert _summary(result.stdout) == (2, 0, 0, 0, 2)


def test_exit_1_for_an_empty_folder(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / ".hidden").write_text("人才政策")
    result = run_cli(database_url, "ingest", str(tmp_path / "in"))
    assert result.returncode == 1
    assert "no files to ingest" in result.stderr


def test_exit_2_for_a_missing_path(database_url: str, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    result = run_cli(database_url, "ingest", str(SEED_FILES[0]), str(missing))
    assert result.returncode == 2
    assert f"no such file or folder: {missing}" in result.stderr
    assert result.stdout == ""  # nothing was ingested


def test_an_oversized_file_is_named_with_the_limit(database_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILES[3], folder / "small.txt")
    (folder / "big.txt").write_bytes(seed_bytes("001") * 2)
    size = (folder / "big.txt").stat().st_size
    result = run_cli(database_url, "ingest", str(folder), env={"ATLAS_MAX_ARTICLE_BYTES": "20000"})
    assert result.returncode == 0
    assert f"✗ big.txt: file is {size:,} bytes, over the limit of 20,000 (ATLAS_MAX_ARTICLE_BYTES)" in (
        result.stdout.split("\n")
    )
