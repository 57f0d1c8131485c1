"""One article through every stage, bytes to facts, with no database: the unit the store writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from app.extract.article import Extraction, extract
from app.ingest.metadata import ArticleMeta, read_metadata
from app.ingest.normalise import NormalisedText, normalise
from app.ingest.read import decode
from app.places.recognise import PlaceGuess, find_place

WARNING_TEXT = {
    "lost_chars": "damaged characters",
    "no_place": "no place found",
    "nothing_extracted": "nothing extracted",
}


@dataclass
class ProcessedArticle:
    file_name: str
    raw: bytes
    encoding: str
    original: str
    normalised: NormalisedText
    meta: ArticleMeta
    place: PlaceGuess | None
    extraction: Extraction
    content_hash: str
    warnings: list[str] = field(default_factory=list)


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def process_article(file_name: str, raw: bytes) -> ProcessedArticle:
    """Decode, normalise, read the header, find the place and extract; raises UnreadableArticle."""
    decoded = decode(raw)
    normalised = normalise(decoded.text)
    meta = read_metadata(normalised.text)
    place = find_place(normalised.text, meta.title)
    extraction = extract(normalised.text, meta.title)
    warnings = []
    if "lost_chars" in normalised.damage:
        warnings.append("lost_chars")
    if place is None:
        warnings.append("no_place")
    if not extraction.incentives:
        warnings.append("nothing_extracted")
    return ProcessedArticle(
        file_name=file_name,
        raw=raw,
        encoding=decoded.encoding,
        original=decoded.text,
        normalised=normalised,
        meta=meta,
        place=place,
        extraction=extraction,
        content_hash=content_hash(raw),
        warnings=warnings,
    )
