"""Does an offer's "who qualifies" include this person? Decided from the offer's target levels and phrases.

Rules (each one explainable to the reader):

- Degrees match exactly: a doctorate gets the 博士 offer, not the 本科 one, because articles tier their
  offers by degree ("本科、硕士、博士分别给予…"). Two exceptions: a phrase that says "以上" ("硕士及以上")
  is open to higher degrees, and a postdoc holds a doctorate, so 博士 offers are open to postdocs.
- Titles and skill levels are minimums: "副高级职称" is open to 正高 too, "技师" to 高级技师; a phrase naming
  正高 or 高级技师 is closed to the rungs below, and such an offer is reported as excluded with the reason.
- 高校毕业生 (graduate) offers match any degree holder except a postdoc, with a "check this": many are
  for recent graduates only.
- Offers naming no level ("高层次人才", or no one) are generic: they may apply, the reader must check.
- Offers only for accredited tiers (院士, 领军人才, 青年人才, teams) cannot be derived from a profile and are
  not for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from app.calculator.profile import DEGREE_RANK, GRADUATE_DEGREES, SKILL_RANK, TITLE_RANK, Profile
from app.extract.targets import FULL_TITLE, target_levels

MatchKind = Literal["match", "generic", "too_low", "other"]


@dataclass(frozen=True)
class Match:
    kind: MatchKind
    levels: tuple[str, ...] = ()  # the offer's levels the person meets
    graduate_only: bool = False  # met only as a 高校毕业生: the reader must check "recent graduate"
    required: str = ""  # for too_low: the phrase naming the rung the person lacks


@lru_cache(maxsize=65536)
def _phrases_for(level: str, targets: tuple[str, ...]) -> tuple[str, ...]:
    """The phrases of `targets` that name `level`. Pure, and the same few thousand target lists
    recur across 100,000 offers, so it is computed once per list (it was a fifth of a nationwide
    calculation: two million regex searches)."""
    return tuple(p for p in targets if level in target_levels([p]))


def _title_required(phrases: tuple[str, ...]) -> int:
    """正高 alone (or a 正高 rung: 教授, 研究员, 主任医师) needs 正高; 副高, 副教授, 高级职称, a phrase
    naming both rungs, or no phrase at all needs 副高. Any phrase suffices."""
    ranks = [
        # "教授、副教授" or "正高或副高": one phrase naming both rungs is open to the lower one.
        TITLE_RANK["full"] if FULL_TITLE.search(p) and "副" not in p else TITLE_RANK["associate"]
        for p in phrases
    ]
    return min(ranks, default=TITLE_RANK["associate"])


def _skill_required(phrases: tuple[str, ...]) -> int:
    def rank(phrase: str) -> int:
        if "高级技师" in phrase:
            return SKILL_RANK["senior_technician"]
        if "技师" in phrase:
            return SKILL_RANK["technician"]
        return SKILL_RANK["senior_worker"]  # 高技能人才, 技能人才

    return min((rank(p) for p in phrases), default=SKILL_RANK["senior_worker"])


def _degree_meets(level: str, degree: str, phrases: tuple[str, ...]) -> bool:
    if degree == level or (degree == "postdoc" and level == "doctorate"):
        return True
    return any("以上" in p for p in phrases) and DEGREE_RANK[degree] > DEGREE_RANK[level]


def match(targets: tuple[str, ...], levels: tuple[str, ...], profile: Profile) -> Match:
    """How an offer for `targets` (as written) with normalised `levels` relates to the profile."""
    if not levels:
        return Match("generic")
    met: list[str] = []
    too_low: list[str] = []
    for level in levels:
        phrases = _phrases_for(level, targets)
        if level in DEGREE_RANK:
            if profile.degree != "none" and _degree_meets(level, profile.degree, phrases):
                met.append(level)
        elif level == "senior_title" and profile.title != "none":
            if TITLE_RANK[profile.title] >= _title_required(phrases):
                met.append(level)
            else:
                too_low += phrases
        elif level == "skilled_worker" and profile.skill != "none":
            if SKILL_RANK[profile.skill] >= _skill_required(phrases):
                met.append(level)
            else:
                too_low += phrases
        elif level == "graduate" and profile.degree in GRADUATE_DEGREES:
            met.append(level)
    if met:
        return Match("match", tuple(met), graduate_only=met == ["graduate"])
    if too_low:
        return Match("too_low", required="、".join(dict.fromkeys(too_low)))
    return Match("other")
