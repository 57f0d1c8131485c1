"""One article through every stage, bytes to facts, with no database: the unit the store writes."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from app.extract.article import Extraction, extract
from app.extract.repeats import drop_repeats, drop_summaries
from app.ingest.formats import SourceMeta, read_document
from app.ingest.metadata import ArticleMeta, read_metadata
from app.ingest.normalise import NormalisedText, normalise
from app.places.attribute import attribute, common_ancestor
from app.places.recognise import PlaceGuess, default_index, find_place

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
    format: str  # text | html | mhtml | pdf | docx
    url: str | None
    original: str
    normalised: NormalisedText
    meta: ArticleMeta
    place: PlaceGuess | None
    extraction: Extraction
    content_hash: str
    warnings: list[str] = field(default_factory=list)


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _attribute_roundup(text: str, place: PlaceGuess | None, extraction: Extraction) -> PlaceGuess | None:
    """In a roundup, give each incentive its own place and the article the place holding them all
    (江苏省 for an article on 南京, 南通 and 宿迁); any other article keeps the one place found."""
    rows = extraction.incentives
    owners = attribute(text, [(f.at, f.amount_yuan is not None) for f in rows])
    if owners is None:
        return place
    extraction.incentives = [replace(f, place=o) for f, o in zip(rows, owners, strict=True)]
    index = default_index()
    shared = common_ancestor(sorted({o for o in owners if o}), index)
    return PlaceGuess(index.by_code[shared], index.chain(shared)) if shared else place


def merge_meta(found: ArticleMeta, declared: SourceMeta) -> ArticleMeta:
    """What the file declares (a page's <title>, its date) over what its first lines suggest; the
    declared title is normalised like the text, so a Big5 page's title is simplified too."""
    title = normalise(declared.title).text.strip() if declared.title else None
    source = normalise(declared.source).text.strip() if declared.source else None
    return replace(
        found,
        title=title or found.title,
        published=declared.published or found.published,
        source=source or found.source,
    )


def process_article(file_name: str, raw: bytes) -> ProcessedArticle:
    """Read, normalise, read the header, find the place and extract; raises UnreadableArticle."""
    document = read_document(raw)
    normalised = normalise(document.text)
    meta = merge_meta(read_metadata(normalised.text), document.meta)
    place = find_place(normalised.text, meta.title)
    extraction = extract(normalised.text, meta.title)
    place = _attribute_roundup(normalised.text, place, extraction)
    extraction.incentives = drop_repeats(drop_summaries(extraction.incentives), normalised.text)
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
        encoding=document.encoding,
        format=document.format,
        url=document.meta.url,
        original=document.text,
        normalised=normalised,
        meta=meta,
        place=place,
        extraction=extraction,
        content_hash=content_hash(raw),
        warnings=warnings,
    )
