"""Reading an article's bytes: every encoding Chinese news arrives in, and every file we must refuse
with a reason a person can act on (never mojibake stored as if it were an article)."""

from __future__ import annotations

import codecs
import subprocess
from pathlib import Path

import pytest

from app.ingest.read import UnreadableArticle, decode, read_bytes
from tests.ingest.helpers import seed_bytes, seed_text


def _big5_paragraphs(text: str) -> str:
    """The paragraphs of a traditional article that Big5 can encode (it lacks a few characters, 裏)."""
    out = []
    for line in text.split("\n"):
        try:
            line.encode("big5")
        except UnicodeEncodeError:
            continue
        if len(line.strip()) > 20:
            out.append(line.strip())
    return "\n".join(out)


def test_utf8_article_is_read_as_is() -> None:
    decoded = decode(seed_bytes("001"))
    assert decoded.encoding == "utf-8"
    assert decoded.text == seed_text("001")


def test_utf8_with_bom_drops_the_bom() -> None:
    decoded = decode(codecs.BOM_UTF8 + seed_bytes("003"))
    assert decoded.encoding == "utf-8-sig"
    assert decoded.text == seed_text("003")


def test_utf16_with_bom() -> None:
    text = seed_text("004")
    decoded = decode(text.encode("utf-16"))
    assert decoded.text == text


def test_gbk_file_is_read_back_exactly() -> None:
    text = seed_text("001")  # a simplified article, as mainland sites still serve it in GBK
    decoded = decode(text.encode("gbk"))
    assert decoded.encoding in ("gb18030", "gbk")
    assert decoded.text == text


def test_gbk_traditional_article() -> None:
    text = _big5_paragraphs(seed_text("002"))
    assert decode(text.encode("gbk")).text == text


def test_big5_file_is_read_back_exactly() -> None:
    text = _big5_paragraphs(seed_text("002"))  # 大慶 article, traditional
    assert "大慶市委市政府每年列支3000萬元" in text
    decoded = decode(text.encode("big5"))
    assert decoded.encoding in ("cp950", "big5hkscs")  # both read plain Big5
    assert decoded.text == text


def test_short_big5_sentence() -> None:
    sentence = "大慶市委市政府每年列支3000萬元作為人才發展專項資金。"
    assert decode(sentence.encode("big5")).text == sentence


def test_empty_file() -> None:
    with pytest.raises(UnreadableArticle, match="empty"):
        decode(b"")


def test_whitespace_only_file_has_no_text() -> None:
    with pytest.raises(UnreadableArticle, match="no text"):
        decode(b"  \r\n\t\n  ")


@pytest.mark.parametrize(
    "raw",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,  # an image
        b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 40 + "人才政策.docx".encode(),  # a .docx (zip)
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00\x01\x02\x03" * 100,
    ],
    ids=["png", "docx", "pdf"],
)
def test_binary_file_is_refused(raw: bytes) -> None:
    with pytest.raises(UnreadableArticle, match="binary"):
        decode(raw)


def test_file_cut_in_the_middle_of_a_character() -> None:
    raw = "对全职引进的博士研究生给予一次性50万元购房补助".encode()
    last_char_starts = len(raw) - 3
    with pytest.raises(UnreadableArticle, match=f"truncated UTF-8 sequence at byte {last_char_starts} "):
        decode(raw[:-1])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_real_article_truncated_mid_character(prefix: str) -> None:
    raw = seed_bytes(prefix)
    cut = len(raw) // 2
    while raw[cut] < 0xE0:  # move to the lead byte of a three-byte character
        cut += 1
    with pytest.raises(UnreadableArticle, match="truncated UTF-8"):
        decode(raw[: cut + 2])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_real_article_with_a_byte_dropped_inside_is_not_guessed(prefix: str) -> None:
    raw = seed_bytes(prefix)
    cut = len(raw) // 3
    while raw[cut] < 0xE0:
        cut += 1
    with pytest.raises(UnreadableArticle, match=f"not valid UTF-8 \\(byte {cut}\\)"):
        decode(raw[: cut + 1] + raw[cut + 2 :])


def test_double_encoded_utf8_is_refused_as_wrong_encoding() -> None:
    # A UTF-8 page saved through a Latin-1 editor: valid UTF-8, but no Chinese left in it.
    raw = seed_text("001").encode("utf-8").decode("latin-1").encode("utf-8")
    with pytest.raises(UnreadableArticle, match=r"no Chinese text found .*wrong encoding"):
        decode(raw)


@pytest.mark.parametrize(
    "raw",
    [
        ("人材政策の補助金は、博士に対して五十万円を支給する。" * 20).encode("shift_jis"),
        ("Город предлагает субсидии для талантов. " * 30).encode("koi8-r"),
    ],
    ids=["shift-jis", "koi8-r"],
)
def test_an_unknown_encoding_is_refused(raw: bytes) -> None:
    with pytest.raises(UnreadableArticle, match="not readable as GB18030 or Big5"):
        decode(raw)


def test_english_page_is_not_an_article() -> None:
    with pytest.raises(UnreadableArticle, match="no Chinese text"):
        decode(b"<html><body>404 Not Found</body></html>\n" * 20)


def test_file_over_the_limit_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(seed_bytes("001") * 3)
    size = path.stat().st_size
    with pytest.raises(UnreadableArticle) as err:
        read_bytes(path, max_bytes=size - 1)
    assert str(err.value) == (
        f"file is {size:,} bytes, over the limit of {size - 1:,} (ATLAS_MAX_ARTICLE_BYTES)"
    )


def test_file_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(seed_bytes("003"))
    assert read_bytes(path, max_bytes=path.stat().st_size) == seed_bytes("003")


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableArticle, match="not a regular file"):
        read_bytes(tmp_path, max_bytes=10_000)


# --- files written by iconv, as a user's tools write them (issue 15), not by Python's own codecs -----

TRADITIONAL = (
    "臺灣人才新政：對新引進的博士研究生給予一次性50萬元安家費，碩士研究生給予30萬元購房補貼。\n"
    "這裏的人才公寓免費入住三年，裏外都有保障。\n"
)
SIMPLIFIED = "对新引进的博士研究生给予一次性50万元安家费，硕士研究生给予30万元购房补贴。\n"


def _iconv(text: str, encoding: str) -> bytes:
    """The bytes `iconv -f UTF-8 -t ENCODING` writes (glibc's iconv, part of every Debian system)."""
    done = subprocess.run(
        ["iconv", "-f", "UTF-8", "-t", encoding], input=text.encode("utf-8"), capture_output=True, check=True
    )
    return done.stdout


@pytest.mark.parametrize("encoding", ["BIG5", "CP950", "BIG5-HKSCS"])
def test_big5_as_iconv_writes_it_with_the_eten_characters(encoding: str) -> None:
    raw = _iconv(TRADITIONAL, encoding)
    assert bytes.fromhex("f9d8") in raw  # 裏, which Python's own big5 codec cannot read
    assert decode(raw).text == TRADITIONAL


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("UTF-16", TRADITIONAL),  # with a BOM
        ("UTF-16LE", TRADITIONAL),
        ("UTF-16BE", SIMPLIFIED),
        ("UTF-32", SIMPLIFIED),  # with a BOM
        ("UTF-32LE", TRADITIONAL),
        ("UTF-32BE", SIMPLIFIED),
    ],
)
def test_utf16_and_utf32_with_or_without_a_bom(encoding: str, text: str) -> None:
    assert decode(_iconv(text, encoding)).text == text


def test_a_real_binary_with_zero_bytes_is_still_refused() -> None:
    with pytest.raises(UnreadableArticle, match="binary"):
        decode(bytes(range(256)) * 8)


def test_a_seed_article_in_utf16_without_a_bom_is_read() -> None:
    # issue 15: it used to be refused as "binary"
    assert decode(seed_text("001").encode("utf-16-le")).text == seed_text("001")
