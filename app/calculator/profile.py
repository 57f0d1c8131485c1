"""The calculator's profile: who the person is and what they commit to, read from the URL and validated.

The URL is the profile (a recruiter sends it to a graduate), so every field is a query parameter, a bad
value is a 422 naming it, and `query_pairs` writes the same profile back as a canonical query string.
Plain HTML forms submit empty fields ("province="), so an empty string means "not set".
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict, Field, model_validator

from app.models import MAX_ID
from app.query.params import Slug

MAX_PICKS = 20

DegreeSlug = Literal["none", "postdoc", "doctorate", "master", "bachelor", "college"]
TitleSlug = Literal["none", "associate", "full"]  # none / 副高 (associate senior) / 正高 (full senior)
SkillSlug = Literal["none", "senior_worker", "technician", "senior_technician"]  # 高级工 / 技师 / 高级技师
# The form's options, in the order shown: taken from the types so the form and validation never differ.
CHOICES = {"degree": get_args(DegreeSlug), "title": get_args(TitleSlug), "skill": get_args(SkillSlug)}
IncentiveId = Annotated[int, Field(ge=1, le=MAX_ID)]

# Ranks order each ladder; an offer naming a rung is open to that rung and (where it says so) above.
DEGREE_RANK = {"college": 1, "bachelor": 2, "master": 3, "doctorate": 4, "postdoc": 5}
TITLE_RANK = {"associate": 1, "full": 2}
SKILL_RANK = {"senior_worker": 1, "technician": 2, "senior_technician": 3}

# Degrees a 高校毕业生 (graduate) offer can mean; a postdoc has left university as a graduate.
GRADUATE_DEGREES = frozenset({"college", "bachelor", "master", "doctorate"})


class Profile(BaseModel):
    """One person: highest degree, senior title, skilled-worker level, home purchase, committed years.

    `pick` holds incentive ids the reader chose among alternative offers (see valuation.py); it is part
    of the URL so that a shared link shows the same choice.
    """

    model_config = ConfigDict(extra="ignore", frozen=True)

    degree: DegreeSlug = Field(default="none", description="highest degree: postdoc, doctorate, master, ...")
    title: TitleSlug = Field(default="none", description="senior title: associate (副高), full (正高)")
    skill: SkillSlug = Field(default="none", description="senior_worker (高级工), technician (技师), ...")
    buy_home: int = Field(default=0, ge=0, le=1, description="1: will buy a home in the place")
    years: int = Field(default=5, ge=1, le=10, description="years the person commits to stay")
    province: Slug | None = Field(default=None, description="slug of a province, e.g. xinjiang")
    pick: list[IncentiveId] = Field(
        default_factory=list, max_length=MAX_PICKS, description="incentive ids chosen among alternatives"
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_means_unset(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
        cleaned = {k: v for k, v in cleaned.items() if v != ""}
        if "pick" in cleaned and not isinstance(cleaned["pick"], list):
            cleaned["pick"] = [cleaned["pick"]]
        return cleaned

    @property
    def is_empty(self) -> bool:
        """No degree, title or skill: nothing can match, so the page asks for one instead of answering."""
        return self.degree == self.title == self.skill == "none"

    @property
    def buys_home(self) -> bool:
        return self.buy_home == 1

    def candidate_levels(self) -> set[str]:
        """Target levels (app.vocab) whose offers may apply: what the SQL pre-filter asks for.

        Lower degrees are included because "本科及以上" is open to a doctorate; matching.py decides.
        """
        levels: set[str] = set()
        if self.degree != "none":
            rank = DEGREE_RANK[self.degree]
            levels |= {d for d, r in DEGREE_RANK.items() if r <= rank}
            if self.degree in GRADUATE_DEGREES:
                levels.add("graduate")
        if self.title != "none":
            levels.add("senior_title")
        if self.skill != "none":
            levels.add("skilled_worker")
        return levels

    def query_pairs(self) -> list[tuple[str, str]]:
        """The whole profile, defaults included, so a shared link reads the same to anyone."""
        pairs = [
            ("degree", self.degree),
            ("title", self.title),
            ("skill", self.skill),
            ("buy_home", str(self.buy_home)),
            ("years", str(self.years)),
        ]
        if self.province:
            pairs.append(("province", self.province))
        pairs += [("pick", str(i)) for i in dict.fromkeys(self.pick)]
        return pairs

    def url(self, path: str = "/calculator") -> str:
        return f"{path}?{urlencode(self.query_pairs())}"

    def picking(self, chosen: int, group: tuple[int, ...]) -> Profile:
        """The same profile with `chosen` counted instead of the other offers of its group."""
        return self.model_copy(update={"pick": [i for i in self.pick if i not in group] + [chosen]})
