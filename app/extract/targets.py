"""Who qualifies: target phrases as the article words them, and the normalised levels we filter by."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Core words, longest first; a phrase may carry a short modifier to its left (国家级领军人才), and a
# talent word keeps up to three stacked qualifiers (青年拔尖人才, 海外高层次人才).
_CORE = (
    r"(?:全日制)?(?:博士后|博士研究生|硕士研究生|博士|硕士|研究生|硕博)(?:及以上|以上)?(?:学位|学历)?"
    r"(?:人员|人才|学子|毕业生)?"
    r"|(?:全日制)?(?:大学)?(?:本科毕业生|本科生|本科|学士学位人员|学士|大专|专科|高职)(?:及以上|以上)?(?:学历|学位)?"
    r"(?:毕业生|人才|人员)?"
    r"|(?:正高级?|副高级?|高级)(?:职称)?(?:及以上|以上)?(?:专业)?(?:技术人才|职称人才|职称)"
    r"|(?:正高|副高)职称专业技术人才"
    r"|中级(?:及以上)?(?:专业技术)?职称(?:人才|人员)?"
    r"|(?:教授级高级|教授级|正高级|高级)(?:工程师|经济师|会计师|农艺师|实验师|统计师|审计师|畜牧师|兽医师|教师)"
    r"|(?:副|正)?(?:教授|研究员|主任医师|主任药师|主任护师)"
    r"|(?:急需紧缺)?(?:首席技师|高级技师|技师)(?:及以上)?(?:技能人才)?|技能大师|高技能人才"
    r"|[A-E]类人才(?:\(团队\)|（团队）)?(?:团队)?|核心成员"
    r"|(?:两院)?院士|诺贝尔奖获得者"
    r"|(?:战略|领军|拔尖|顶尖|杰出|青年|高层次|紧缺|创新|创业|优秀|海外|特优|骨干){1,3}人才(?:\(团队\)|（团队）|团队)?"
    r"|(?:科研|创新|人才)?团队|高校毕业生|毕业生|大学生"
)
_MODIFIER = r"(?:国际级|国家级|省部级|省级|市级|州级|县级|区级|自治区级|科技创业|科技|海洋创新|急需紧缺|紧缺|新引进的?|引进的?|全职引进的?|柔性引进的?)?"
TARGET_RE = re.compile(rf"{_MODIFIER}(?:{_CORE})")

_SENIOR_TITLE_WORD = (
    r"教授|研究员|主任医师|主任药师|主任护师"
    r"|高级(?:工程师|经济师|会计师|农艺师|实验师|统计师|审计师|畜牧师|兽医师|教师)"
)
# A full (正高) rung named without 副: 教授, 研究员, 主任医师, 正高级/教授级工程师.
FULL_TITLE = re.compile(r"正高|教授级|(?<!副)(?:教授|研究员|主任医师|主任药师|主任护师)")

_LEVEL_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("postdoc", re.compile(r"博士后")),
    ("doctorate", re.compile(r"博士(?!后)|硕博")),
    ("master", re.compile(r"硕士|(?<!博士)研究生|硕博")),
    ("bachelor", re.compile(r"本科|学士")),
    ("college", re.compile(r"大专|专科|高职(?!称)")),
    # professional titles are 副高 or 正高 rungs: 副教授, 主任医师, 研究员, 高级工程师 ...
    ("senior_title", re.compile(rf"正高|副高|高级(?:职称|专业技术)|{_SENIOR_TITLE_WORD}")),
    ("skilled_worker", re.compile(r"技师|技能人才|技能大师")),
    ("academician", re.compile(r"院士|诺贝尔")),
    ("top_talent", re.compile(r"战略人才|顶尖|杰出|A类人才|特优")),
    ("leading_talent", re.compile(r"领军")),
    ("outstanding_talent", re.compile(r"拔尖")),
    ("young_talent", re.compile(r"青年")),
    ("team", re.compile(r"团队")),
    ("graduate", re.compile(r"毕业生|大学生")),
)
_STRIP_PREFIX = re.compile(r"^(?:新引进的?|引进的?|全职引进的?|柔性引进的?)")


# "A类、B类、C类人才": the shared noun comes once, after the last item.
_CLASS_LIST = re.compile(
    r"(?P<items>(?:[A-Ea-e甲乙丙丁戊]类\s*[、,，和及与]\s*)+[A-Ea-e甲乙丙丁戊]类)(?P<noun>人才|团队|人员)"
)
_CLASS_ITEM = re.compile(r"[A-Ea-e甲乙丙丁戊]类")


@dataclass(frozen=True)
class Target:
    start: int
    end: int
    text: str


def find_targets(text: str, start: int = 0, end: int | None = None) -> list[Target]:
    """Target phrases in text[start:end], in order, with offsets into text."""
    stop = len(text) if end is None else end
    out: list[Target] = []
    for m in _CLASS_LIST.finditer(text, start, stop):
        out.extend(
            Target(i.start(), i.end(), i.group(0) + m.group("noun"))
            for i in _CLASS_ITEM.finditer(text, m.start(), m.start("noun"))
        )
    listed = [(t.start, t.end) for t in out]
    for m in TARGET_RE.finditer(text, start, stop):
        if any(s <= m.start() < e + 4 for s, e in listed):
            continue
        phrase = _STRIP_PREFIX.sub("", m.group(0))
        if phrase:
            out.append(Target(m.end() - len(phrase), m.end(), phrase))
    return sorted(out, key=lambda t: t.start)


def target_levels(targets: list[str]) -> list[str]:
    """Normalised levels for filtering, in the vocabulary's order; 博士研究生 is a doctorate only."""
    text = "、".join(targets)
    return [level for level, rule in _LEVEL_RULES if rule.search(text)]
