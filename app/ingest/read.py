"""Reading an article file: bytes in, text and the encoding it was written in out.

Chinese articles arrive as UTF-8 (with or without a BOM), GB18030/GBK, Big5 as Taiwan and Hong Kong
sites really write it (CP950 with the ETEN extensions such as 裏 0xF9D8, which Python's own `big5`
codec lacks, and Big5-HKSCS), or UTF-16/32 with or without a BOM. A file we cannot read with
confidence is refused with a reason a person can act on, never guessed into mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

# cp950 and big5hkscs both read plain Big5; Python's "big5" fails on the ETEN characters iconv and
# Windows write (裏, 碁, 銹), so it is not a candidate of its own.
CANDIDATE_ENCODINGS = ("gb18030", "cp950", "big5hkscs")
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


def check_chinese(text: str, encoding: str) -> None:
    """Refuse a text that is not Chinese: the sign of a wrong encoding, or of no article at all."""
    if _cjk_share(text) < MIN_CJK_SHARE:
        raise UnreadableArticle(
            f"no Chinese text found (read as {encoding}); wrong encoding or not an article"
        )


def _check_text(text: str, encoding: str, chinese: bool) -> Decoded:
    if not text.strip():
        raise UnreadableArticle("file has no text")
    if chinese:
        check_chinese(text, encoding)
    return Decoded(text, encoding)


def _wide_without_bom(raw: bytes) -> Decoded | None:
    """UTF-32 or UTF-16 written without a BOM, told apart by where the zero bytes fall: the high
    bytes of ASCII characters (line breaks, digits) are zero, and no other encoding an article comes
    in has a zero byte at all. None when neither reads as Chinese text."""
    sample = raw[:4096]
    candidates: list[str] = []
    if len(raw) % 4 == 0:
        candidates += ["utf-32-le", "utf-32-be"]
    if len(raw) % 2 == 0:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        candidates += ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
    for enc in candidates:
        try:
            text = raw.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _cjk_share(text) >= MIN_CJK_SHARE:
            return Decoded(text, enc)
    return None


def decode(raw: bytes, chinese: bool = True) -> Decoded:
    """Decode an article's bytes, trying UTF-8 first because it is strict: a GBK or Big5 file almost
    never passes as UTF-8 by accident, while GB18030 accepts nearly any byte string. A web page is
    mostly markup, so its reader asks for no Chinese share here and checks its main text instead."""
    if not raw:
        raise UnreadableArticle("file is empty")
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: FF FE 00 00 starts like FF FE
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if raw.startswith(bom):
            try:
                return _check_text(raw.decode(enc), enc, chinese)
            except UnicodeDecodeError as exc:
                raise UnreadableArticle(f"invalid {enc} at byte {exc.start}") from exc
    if b"\x00" in raw[:4096]:
        wide = _wide_without_bom(raw)
        if wide is not None:
            return wide
    if _looks_binary(raw):
        raise UnreadableArticle("binary file, not text")
    try:
        return _check_text(raw.decode("utf-8"), "utf-8", chinese)
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise UnreadableArticle(
                f"truncated UTF-8 sequence at byte {exc.start} (the file was cut short)"
            ) from exc
        utf8_error = exc
    best = from_bytes(raw, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    if best is None or best.chaos > MAX_CHAOS:
        raise UnreadableArticle(
            f"not valid UTF-8 (byte {utf8_error.start}) and not readable as GB18030 or Big5 (CP950, HKSCS)"
        )
    encoding = best.encoding.replace("_", "")
    return _check_text(unicodedata.normalize("NFC", str(best)), encoding, chinese)
