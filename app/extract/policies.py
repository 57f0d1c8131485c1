"""Named policies and programmes: 《…》 document titles and quoted programme names."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TITLE = re.compile(r"《([^《》\n]{4,80})》")
_QUOTED = re.compile(
    r"[“「\"]([^“”「」\"\n]{2,30})[”」\"]([\u4e00-\u9fff]{0,6}?(?:计划|工程|行动|政策|新政|专项))?"
)
_PROGRAMME_END = re.compile(
    r"(?:计划|工程|行动|政策|新政|办法|方案|措施|意见|规定|细则|人才卡|服务卡|金卡|\d+条)$"
)
_NOT_POLICY = re.compile(r"(?:报|日报|晚报|网|杂志|周刊|新闻|电视台|公报|名单|报告)$")


@dataclass
class PolicyFact:
    name: str
    kind: str  # document | programme
    quote: str
    quote_start: int
    quote_end: int


def find_policies(text: str) -> list[PolicyFact]:
    found: dict[str, PolicyFact] = {}
    for m in _TITLE.finditer(text):
        name = m.group(1).strip()
        if not _NOT_POLICY.search(name) and name not in found:
            found[name] = PolicyFact(name, "document", m.group(0), m.start(), m.end())
    for m in _QUOTED.finditer(text):
        name = (m.group(1) + (m.group(2) or "")).strip()
        if _PROGRAMME_END.search(name) and name not in found and not _NOT_POLICY.search(name):
            found[name] = PolicyFact(name, "programme", m.group(0), m.start(), m.end())
    return sorted(found.values(), key=lambda p: p.quote_start)
