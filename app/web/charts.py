"""Bar charts drawn by the server: each bar an SVG rectangle sized in Python, every value also in text.

Labels and values are HTML text next to the bar rather than SVG text, so they stay readable when the
chart shrinks to a phone's width and never rely on colour; the SVG only carries the bar's length.
"""

from __future__ import annotations

from dataclasses import dataclass

MIN_VISIBLE = 0.5  # percent: a tiny amount still shows a sliver, so "small" never reads as "none"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    value_text: str
    note: str
    href: str
    percent: float  # of the largest value, 0-100


def bars(items: list[tuple[str, int, str, str, str]]) -> list[Bar]:
    """(label, value, value text, note, link) rows to bars scaled against the largest value."""
    largest = max((value for _, value, *_ in items), default=0)
    return [
        Bar(
            label,
            value,
            value_text,
            note,
            href,
            max(MIN_VISIBLE, 100.0 * value / largest) if largest > 0 else MIN_VISIBLE,
        )
        for label, value, value_text, note, href in items
    ]
