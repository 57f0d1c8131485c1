"""The explorer's facets as the page shows them: for each faceted filter of the table, each value that
has matches, with its label, its count and the link that adds or removes it (Datasette's facets)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from app.links import toggle_urls
from app.query.filters import ResolvedFilters
from app.query.incentives import facet_counts
from app.query.params import FILTERS
from app.vocab import label
from app.web.i18n import Prefs


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    toggle_url: str


@dataclass(frozen=True)
class Facet:
    param: str
    label: str
    values: tuple[FacetValue, ...]


def facets(session: Session, resolved: ResolvedFilters, prefs: Prefs) -> list[Facet]:
    """Values in the vocabulary's order; a value with no match is left out, a chosen one is marked."""
    params = resolved.params
    out = []
    for f in FILTERS:
        if f.spec.facet is None:
            continue
        counts = facet_counts(session, resolved, f.key)
        chosen = getattr(params, f.key)
        shown = [term.slug for term in f.spec.vocab if counts.get(term.slug)]
        urls = toggle_urls(params, f.key, shown)
        values = tuple(
            FacetValue(
                slug,
                prefs.data(label(f.spec.vocab, slug, prefs.lang)),
                counts[slug],
                slug in chosen,
                urls[slug],
            )
            for slug in shown
        )
        out.append(Facet(f.key, prefs.t(f.key), values))
    return out
