"""How amounts of money read in each interface language, shared by pages, filter labels and charts.

Chinese readers think in 万 (10,000) and 亿 (100,000,000), English readers in thousands and millions,
so the same integer is written differently rather than merely translated.
"""

from __future__ import annotations


def _trim(number: float) -> str:
    text = f"{number:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def format_yuan(amount: int | None, lang: str = "zh") -> str:
    """500000 -> "50万元" (zh) or "¥500,000" (en); None (an in-kind benefit) -> ""."""
    if amount is None:
        return ""
    if lang != "zh":
        return f"¥{amount:,}"
    if amount >= 100_000_000:
        return f"{_trim(amount / 100_000_000)}亿元"
    if amount >= 10_000:
        return f"{_trim(amount / 10_000)}万元"
    return f"{amount}元"


def format_yuan_short(amount: int, lang: str = "zh") -> str:
    """A compact form for chart axes and labels: "50万", "1000万", "¥1.05M"."""
    if lang == "zh":
        return format_yuan(amount, lang).removesuffix("元")
    if amount >= 1_000_000:
        return f"¥{_trim(amount / 1_000_000)}M"
    if amount >= 1_000:
        return f"¥{_trim(amount / 1_000)}k"
    return f"¥{amount}"
