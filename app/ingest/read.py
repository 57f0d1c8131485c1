"""Reading an article file: bytes in, text and the encoding it was written in out.

Chinese articles arrive as UTF-8 (with or without a BOM), GB18030/GBK or Big5. A file we cannot read
with confidence is refused with a reason a person can act on, never guessed into mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

CANDIDATE_ENCODINGS = ("gb18030", "big5")
MIN_CJK_SHARE = 0.2
MAX_CHAOS = 0.3


class UnreadableArticle(ValueError):
    """The file is not an article we can read; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def read_bytes(path: Path, max_bytes: int) -> bytes:
    if not path.is_file():
        raise UnreadableArticle("not a regular file")
    size = path.stat().st_size
    if size > max_bytes:
        raise UnreadableArticle(
            f"file is {size:,} bytes, over the limit of {max_bytes:,} (ATLAS_MAX_ARTICLE_BYTES)"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableArticle(f"cannot read file: {exc.strerror or exc}") from exc


_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"\s")


def _cjk_share(text: str) -> float:
    visible = len(text) - len(_SPACE.findall(text))
    return len(_CJK.findall(text)) / visible if visible > 0 else 0.0


def _looks_binary(raw: bytes) -> bool:
    sample = raw[:4096]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def _check_text(text: str, encoding: str) -> Decoded:
    if not text.strip():
        raise UnreadableArticle("file has no text")
    if _cjk_share(text) < MIN_CJK_SHARE:
        raise UnreadableArticle(
            f"no Chinese text found (read as {encoding}); wrong encoding or not an article"
        )
    return Decoded(text, encoding)


def decode(raw: bytes) -> Decoded:
    """Decode an article's bytes, trying UTF-8 first because it is strict: a GBK or Big5 file almost
    never passes as UTF-8 by accident, while GB18030 accepts nearly any byte string."""
    if not raw:
        raise UnreadableArticle("file is empty")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise UnreadableArticle(f"invalid {enc} at byte {exc.start}") from exc
    if _looks_binary(raw):
        raise UnreadableArticle("binary file, not text")
    try:
        return _check_text(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise UnreadableArticle(
                f"truncated UTF-8 sequence at byte {exc.start} (the file was cut short)"
            ) from exc
        utf8_error = exc
    best = from_bytes(raw, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise UnreadableArticle(
            f"not valid UTF-8 (byte {utf8_error.start}) and not readable as GB18030 or Big5"
        )
    encoding = best.encoding.replace("_", "")
    return _check_text(unicodedata.normalize("NFC", str(best)), encoding)
