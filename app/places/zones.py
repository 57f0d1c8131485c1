"""Development zones and new areas with their own administration, recognised by how they are named.

No maintained package lists China's 230 national economic and technological development zones, 170
high-tech zones and the provincial ones, and they are founded, merged and renamed every year; but
they are always written the same way: the name of the city that hosts them, sometimes one or two
more characters (天津港), then the kind of zone (经济技术开发区, 高新区, 综合保税区 ...). An article that
names one is read as being about a district-level place under that city, created on first sight.
The national new areas and zones that are districts in their own right (哈尔滨新区, 滨海新区) are in the
gazetteer already and never come through here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.places.gazetteer import PlaceRecord

if TYPE_CHECKING:  # recognise reads zones with its own mentions: import its types only for checking
    from app.places.recognise import Mention, PlaceIndex

# Each kind of zone: its official suffix, and the short forms people write for it.
ZONE_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("经济技术开发区", ("经开区", "经济技术开发区", "经济技术开发")),
    ("高新技术产业开发区", ("高新技术产业开发区", "高新技术开发区", "高新区")),
    ("综合保税区", ("综合保税区", "综保区")),
    ("保税港区", ("保税港区",)),
    ("保税区", ("保税区",)),
    ("经济开发区", ("经济开发区",)),
)
_FORMS = {form: full for full, forms in ZONE_KINDS for form in forms}
_FORM_RE = re.compile("|".join(sorted(map(re.escape, _FORMS), key=len, reverse=True)))
# Bare words that stand for the zone once it has been named in full ("经开区将对…给予…").
_BACK_REFERENCE = re.compile(r"经开区|高新区|开发区|综保区|保税区|园区")
HOST_LEVELS = ("province", "prefecture", "county")  # a municipality hosts zones directly (天津港保税区)
MAX_INFIX = 2  # characters between the host's name and the kind: 天津|港|保税区


@dataclass(frozen=True)
class Zone:
    record: PlaceRecord
    weight: float  # the votes its mentions give it, on the scale of place mentions


def _host(mentions: list[Mention], index: PlaceIndex, at: int) -> tuple[Mention, PlaceRecord] | None:
    """The place whose name ends at most MAX_INFIX characters before `at`."""
    for m in reversed(mentions):
        if m.end > at:
            continue
        if at - m.end > MAX_INFIX:
            return None
        hosts = [index.by_code[c] for c in m.adcodes if index.by_code[c].level in HOST_LEVELS]
        return (m, hosts[0]) if len(hosts) == 1 else None
    return None


def _record(name: str, host: PlaceRecord) -> PlaceRecord:
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:5]
    return PlaceRecord(
        adcode=f"{host.adcode}Z{digest}",
        name=name,
        level="district",
        parent_adcode=host.adcode,
        province_adcode=host.province_adcode,
        province_name=host.province_name or host.name,
        longitude=host.longitude,
        latitude=host.latitude,
    )


def find_zones(text: str, mentions: list[Mention], index: PlaceIndex, weight: float) -> list[Zone]:
    """The zones named in `text` after a host place, with the weight of their mentions: `weight`
    for each naming in full, and two thirds of it for each bare back-reference ("经开区") when only
    one zone was named."""
    hosted = sorted(mentions, key=lambda m: m.start)
    found: dict[str, tuple[PlaceRecord, float, int]] = {}
    named: list[tuple[int, int]] = []
    for k in _FORM_RE.finditer(text):
        host = _host(hosted, index, k.start())
        if host is None:
            continue  # a bare "经开区": a back-reference, counted below
        named.append((k.start(), k.end()))
        m, rec = host
        short = rec.short_names[0] if rec.short_names else rec.name
        name = short + text[m.end : k.start()] + _FORMS[k.group(0)]
        if name in index.names:
            continue
        zone, w, first_end = found.get(name, (_record(name, rec), 0.0, k.end()))
        found[name] = (zone, w + weight, first_end)
    if len(found) == 1:
        ((name, (zone, w, first_end)),) = found.items()
        bare = [
            b
            for b in _BACK_REFERENCE.finditer(text, first_end)
            if _host(hosted, index, b.start()) is None
            and not any(s <= b.start() < e for s, e in named)
            and not any(s < b.end() <= e for s, e in named)
        ]
        found[name] = (zone, w + len(bare) * weight * 2 / 3, first_end)
    return [Zone(zone, w) for zone, w, _ in found.values()]
