"""A deterministic synthetic corpus of talent-policy articles over every place in the gazetteer.

    python -m bench.corpus --articles N --out DIR [--seed S]

Why synthetic: the real corpus is 13 articles, and the atlas must be measured at national scale
(~3,200 places, 10,000+ articles). Why these templates: they imitate the real articles' style (news
reports and policy documents, traditional characters, converter pinyin glosses, lost characters,
page furniture) and their many ways of stating an offer (enumerations with 分别, ranges, Chinese
numerals, 最高 / 每月 / 一次性, in-kind benefits), written independently of the extractor's rules so
that the corpus exercises the extractor's generality rather than echoing it.

Determinism: article i depends only on (seed, i) and the gazetteer, never on N, so the first 1,000
articles of a 10,000-article corpus are the 1,000-article corpus. A hidden `.manifest.json` (ingest
skips hidden files) records what each article was written to say: place, style, script, encoding and
how many incentives were planted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from app.places.gazetteer import PlaceRecord, load_gazetteer

DEFAULT_SEED = 20240807
MIN_BYTES = 2 * 1024
MAX_BYTES = 12 * 1024
TRADITIONAL_SHARE = 0.2
GB18030_SHARE = 0.03  # a few files arrive in the legacy national encoding

# ---------------------------------------------------------------------------------------------------
# Numbers as articles write them
# ---------------------------------------------------------------------------------------------------

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_below_10000(n: int) -> str:
    """1500 -> 一千五百, 80 -> 八十, 12 -> 十二 (a leading 一十 is said 十), 305 -> 三百零五."""
    if n == 0:
        return "零"
    out: list[str] = []
    pending_zero = False
    for value, unit in _UNITS:
        digit, n = divmod(n, value)
        if digit:
            if pending_zero:
                out.append("零")
            out.append(_DIGITS[digit] + unit)
            pending_zero = False
        elif out:
            pending_zero = True
    if n:
        if pending_zero:
            out.append("零")
        out.append(_DIGITS[n])
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def chinese_number(n: int) -> str:
    """Integers below 10^12 in Chinese numerals: 500000 -> 五十万, 120000000 -> 一亿二千万."""
    if n >= 10**8:
        high, rest = divmod(n, 10**8)
        tail = chinese_number(rest) if rest else ""
        if rest and rest < 10**7:
            tail = "零" + tail
        return chinese_below_10000(high) + "亿" + tail
    if n >= 10**4:
        high, rest = divmod(n, 10**4)
        tail = chinese_below_10000(rest) if rest else ""
        if rest and rest < 1000:
            tail = "零" + tail
        return chinese_below_10000(high) + "万" + tail
    return chinese_below_10000(n)


def yuan_text(amount: int, rng: random.Random, unit: bool = True) -> str:
    """One of the many ways an amount is printed: 50万元, 500000元, 500,000元, 五十万元, 0.5亿元, 1.5万."""
    suffix = "元" if unit or rng.random() < 0.5 else ""
    roll = rng.random()
    if amount >= 10**8 and amount % 10**7 == 0 and roll < 0.6:
        return f"{amount / 10**8:g}亿{suffix or '元'}"
    if amount >= 10**4 and amount % 10**4 == 0:
        if roll < 0.12:
            return chinese_number(amount) + (suffix or "元")
        if roll < 0.2 and amount < 10**7:
            return f"{amount:,}元"
        return f"{amount // 10**4}万{suffix}"
    if amount >= 10**4 and amount % 1000 == 0 and roll < 0.7:
        return f"{amount / 10**4:g}万{suffix}"
    if roll < 0.1 and amount < 10**4:
        return chinese_number(amount) + "元"
    return f"{amount}元"


# ---------------------------------------------------------------------------------------------------
# Vocabulary (written from the real articles' style, not from the extractor)
# ---------------------------------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建文辉力永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"
PAPERS = (
    "光明日报",
    "人民日报",
    "经济日报",
    "新华网",
    "中国组织人事报",
    "工人日报",
    "中国青年报",
    "科技日报",
)
HOUSING_WORDS = ("购房补贴", "购房补助", "购房安居补贴", "住房购置补贴", "房票补贴", "首套住房补贴")
SETTLING_WORDS = ("安家费", "安家补贴", "一次性安家补助", "安家补助")
RENT_WORDS = ("租房补贴", "租金补贴", "住房租赁补贴", "租赁住房补贴", "房租补助")
LIVING_WORDS = ("生活补贴", "岗位津贴", "人才津贴", "生活补助", "薪酬补贴", "政府特殊津贴")
RESEARCH_WORDS = ("科研经费", "项目资助", "培养经费", "科研启动经费", "团队资助", "研发经费资助")
STARTUP_WORDS = ("创业资助", "创业扶持资金", "创业启动资金", "股权投资", "贴息贷款支持")
AWARD_WORDS = ("奖励", "一次性奖励", "贡献奖", "奖金", "配套奖励")
INTERN_WORDS = ("实习补贴", "见习补贴", "社会实践补贴", "实践补助")
IN_KIND = (
    "提供人才公寓,实现拎包入住",
    "免费入住人才公寓3年",
    "优先安排周转房",
    "协助解决配偶就业、子女入学问题",
    "子女可在全市范围内选择公办学校就读",
    "发放人才服务卡,享受医疗保健、交通出行等绿色通道服务",
    "配备专职人才服务专员,提供一站式服务",
    "本人及家属可在本地办理落户手续",
    "每年安排一次免费健康体检",
    "全市A级景区对持卡人才免费开放",
)
# Ordered from lower to higher so that enumerated amounts rise with them, as real schedules do.
TARGET_LADDERS = (
    ("本科", "硕士", "博士"),
    ("全日制本科毕业生", "硕士研究生", "博士研究生"),
    ("大专", "本科", "硕士", "博士"),
    ("学士", "硕士", "博士"),
    ("中级职称人员", "副高级职称人才", "正高级职称人才"),
    ("技师", "高级技师"),
    ("C类人才", "B类人才", "A类人才"),
    ("青年人才", "拔尖人才", "领军人才"),
    ("省级领军人才", "国家级领军人才"),
    ("硕士研究生或副高职称专业技术人才", "博士研究生或正高职称专业技术人才"),
)
SINGLE_TARGETS = (
    "博士",
    "全日制博士研究生",
    "博士后",
    "硕士研究生",
    "两院院士",
    "国家级领军人才",
    "青年拔尖人才",
    "高技能人才",
    "高级技师",
    "急需紧缺专业人才",
    "高校毕业生",
    "创新创业团队",
    "顶尖人才",
    "海外高层次人才",
    "首席技师",
)
FILLER = (
    "近年来,{place}坚持把人才作为推动高质量发展的第一资源,持续深化人才发展体制机制改革。",
    "{place}聚焦主导产业发展需求,精准绘制人才需求图谱,推动人才链与产业链深度融合。",
    "“人才是第一资源,我们要以更大力度、更实举措把各方英才聚集起来。”{place}相关负责人表示。",
    "走进{place}的产业园区,一批批年轻面孔正在生产一线忙碌,为地方发展注入新的活力。",
    "{place}坚持党管人才原则,健全人才工作领导体制,压紧压实各级各部门引才育才责任。",
    "为营造近悦远来的人才生态,{place}不断优化人才服务,让各类人才安心、安身、安业。",
    "{place}先后组织赴重点高校开展校园招聘,面对面向毕业生宣讲人才政策。",
    "据了解,相关政策自发布之日起施行,由{place}人才工作领导小组办公室负责解释。",
    "下一步,{place}将持续完善人才政策体系,推动各项政策落地见效。",
    "在{place}工作已经第三年的一位青年工程师说:“这里的发展平台和成长空间,让我下定决心扎根。”",
    "各地各部门要加强组织领导,细化工作措施,确保政策兑现到位、服务保障到位。",
    "{place}以“揭榜挂帅”等方式引进一批专家人才和团队,攻克了一批关键技术难题。",
    "人才兴则城市兴。{place}正以求贤若渴的诚意、海纳百川的胸怀广纳天下英才。",
    "围绕先进制造、数字经济、现代农业、文化旅游等领域,{place}持续加大高层次人才引进力度。",
    "人才政策的含金量,体现在一项项看得见、摸得着的实惠之中。",
    "{place}推行人才政策“免申即享”,申报材料能减则减、办理时限能压则压。",
    "家乡的温度、支持的力度、发展的速度,吸引各类人才来到{place}、扎根{place}。",
    "记者在采访中了解到,不少企业负责人对人才新政给予积极评价。",
    "此外,{place}还建立了人才工作联系服务制度,定期走访慰问高层次人才。",
    "“政策好不好,关键看落实。”一位多年从事人才工作的同志说。",
)
HEADINGS = (
    "政策引航 打造引才聚才“强磁场”",
    "优化服务 厚植人才发展沃土",
    "搭建平台 让人才干事有舞台",
    "真金白银 留住八方英才",
    "聚焦产业 精准引才育才",
    "坚持党管人才原则",
)
DOC_HEADINGS = (
    "加大高层次人才引进力度",
    "支持青年人才来{place}就业创业",
    "完善人才安居保障",
    "支持人才创新创业",
    "强化人才服务保障",
    "鼓励用人单位引才育才",
    "附则",
)
JUNK = (
    "责任编辑:{name}",
    "编辑:{name}",
    "审核:{name} 校对:{name}",
    "【打印本页】【关闭窗口】",
    "扫一扫在手机打开当前页",
    "网站标识码:{digits} 备案号:ICP备{digits}号-1",
    "版权所有 © {place}融媒体中心 未经授权禁止转载",
    "相关链接:",
    "新闻推荐",
    "{place}召开全年经济工作会议 部署明年重点任务",
    "{place}举办第二届农民丰收节系列活动",
    "分享到:微信 微博 QQ空间",
)
MOJIBAKE = ("?", "??", "?!苯衲", "锟斤拷", "\ufffd", "鈥?", "銆?")


# ---------------------------------------------------------------------------------------------------
# Traditional characters and pinyin glosses
# ---------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _s2t_table() -> dict[int, str]:
    """Character-level simplified -> traditional map from OpenCC's own dictionary (first candidate).

    Character-level is enough for a benchmark (the reader converts back with OpenCC's phrases), and
    str.translate is a hundred times faster than converting phrase by phrase.
    """
    import opencc

    path = Path(opencc.__file__).parent / "dictionary" / "STCharacters.txt"
    table: dict[int, str] = {}
    for line in path.read_text("utf-8").splitlines():
        simplified, _, traditional = line.partition("\t")
        if len(simplified) == 1 and traditional:
            table[ord(simplified)] = traditional.split()[0]
    return table


def to_traditional(text: str) -> str:
    return text.translate(_s2t_table())


@lru_cache(maxsize=4096)
def _pinyin(char: str) -> str:
    from pypinyin import Style, pinyin

    return pinyin(char, style=Style.TONE, heteronym=False)[0][0]


def add_glosses(simplified: str, traditional: str, rng: random.Random, share: float) -> str:
    """'醫(yī)療': the pinyin a careless converter leaves after some of the characters it changed."""
    out: list[str] = []
    for s, t in zip(simplified, traditional, strict=True):
        out.append(t)
        if s != t and rng.random() < share:
            out.append(f"({_pinyin(s)})")
    return "".join(out)


def lose_characters(text: str, rng: random.Random, spots: int) -> str:
    """Characters lost to a broken re-encoding: a few runs of CJK replaced with '?' or stray symbols."""
    chars = list(text)
    for _ in range(spots):
        i = rng.randrange(len(chars))
        if "\u4e00" <= chars[i] <= "\u9fff":
            chars[i : i + rng.randint(1, 3)] = [rng.choice(MOJIBAKE)]
    return "".join(chars)


# ---------------------------------------------------------------------------------------------------
# Places
# ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlaceContext:
    """How an article names its place: full name, the short name reporters use, and its parents."""

    record: PlaceRecord
    short: str
    parent: PlaceRecord | None
    province: PlaceRecord

    @property
    def whole(self) -> str:
        """全市 / 全县 / 全区 / 全州 / 全旗 / 全省: how an article says "all of this place"."""
        name = self.record.name
        for ending, word in (("地区", "全地区"), ("自治州", "全州"), ("盟", "全盟"), ("旗", "全旗")):
            if name.endswith(ending):
                return word
        return "全" + name[-1] if name[-1] in "市县区州省" else "全市"

    @property
    def located(self) -> str:
        """新疆维吾尔自治区克拉玛依市: the place with its province (and prefecture for a county)."""
        parts = [self.province.name]
        if self.parent is not None and self.parent.adcode != self.province.adcode:
            parts.append(self.parent.name)
        if self.record.adcode != self.province.adcode:
            parts.append(self.record.name)
        return "".join(parts)


def place_contexts() -> list[PlaceContext]:
    """Every place of the gazetteer, in a fixed order (adcode)."""
    records = sorted(load_gazetteer(), key=lambda p: p.adcode)
    by_code = {p.adcode: p for p in records}
    contexts = []
    for p in records:
        short = p.short_names[0] if p.short_names else p.name
        contexts.append(
            PlaceContext(
                record=p,
                short=short,
                parent=by_code.get(p.parent_adcode) if p.parent_adcode else None,
                province=by_code[p.province_adcode],
            )
        )
    return contexts


# ---------------------------------------------------------------------------------------------------
# Sentences: offers, metrics, decoys
# ---------------------------------------------------------------------------------------------------


@dataclass
class Writer:
    """Writes the sentences of one article, counting the incentives it plants."""

    rng: random.Random
    place: PlaceContext
    planted: int = 0

    # -- helpers --------------------------------------------------------------------------------
    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + "".join(r.choice(GIVEN) for _ in range(r.randint(1, 2)))

    def p(self) -> str:
        """The place as a sentence names it: mostly the short name, sometimes the full one."""
        return self.place.record.name if self.rng.random() < 0.4 else self.place.short

    def amount(self, low: int, high: int, step: int) -> int:
        return self.rng.randrange(low // step, high // step + 1) * step

    def ladder(self, n: int, low: int, high: int, step: int) -> list[int]:
        values = sorted({self.amount(low, high, step) for _ in range(n * 3)})
        while len(values) < n:
            values.append(values[-1] + step)
        picked = sorted(self.rng.sample(values, n))
        return picked

    def cap(self) -> str:
        return self.rng.choice(("最高", "最高", "不超过", "最多", "最高可达", ""))

    # -- incentives -----------------------------------------------------------------------------
    def enumeration(self) -> str:
        """对本科、硕士、博士分别给予每月300元、500元、800元的租房补贴 (three rows)."""
        r = self.rng
        ladder = r.choice(TARGET_LADDERS)
        kind = r.choice(("rent", "living", "housing", "settling", "research"))
        if kind in ("rent", "living") and r.random() < 0.7:
            amounts = self.ladder(len(ladder), 300, 5000, 100)
            per = r.choice(("每月", "每人每月", "按月发放"))
            word = r.choice(RENT_WORDS if kind == "rent" else LIVING_WORDS)
            tail = r.choice(
                ("", f",最长发放{r.choice((6, 12, 24, 36))}个月", f",连续发放{r.randint(2, 5)}年")
            )
        elif kind == "research":
            amounts = self.ladder(len(ladder), 100_000, 5_000_000, 50_000)
            per, word, tail = "", r.choice(RESEARCH_WORDS), ""
        else:
            amounts = self.ladder(len(ladder), 20_000, 800_000, 10_000)
            per = r.choice(("", "一次性"))
            word = r.choice(HOUSING_WORDS if kind == "housing" else SETTLING_WORDS)
            tail = r.choice(("", f",分{r.randint(2, 5)}年发放", ""))
        self.planted += len(ladder)
        targets = "、".join(ladder)
        money = "、".join(yuan_text(a, r) for a in amounts)
        templates = (
            f"对新引进的{targets},分别给予{per}{money}的{word}{tail}。",
            f"{targets}分别按{per}{money}标准发放{word}{tail}。",
            f"引进的{targets}等人才,{word}标准分别为{per}{money}{tail}。",
            f"按照{targets}{len(ladder)}个层次,分别给予{money}{word}{tail}。",
        )
        return r.choice(templates)

    def single(self) -> str:
        """经认定的博士,给予最高50万元的购房补贴; one row, in one of many shapes."""
        r = self.rng
        who = r.choice(SINGLE_TARGETS)
        kind = r.choice(("housing", "settling", "rent", "living", "research", "startup", "award", "intern"))
        cond = r.choice(
            (
                "",
                f"在{self.p()}连续工作满{r.randint(2, 5)}年的,",
                f"与用人单位签订{r.randint(3, 8)}年以上劳动合同的,",
                f"在{self.p()}范围内首次购买商品住房的,",
                "经认定符合条件的,",
                f"年龄在{r.choice((35, 40, 45))}周岁以下的,",
            )
        )
        if kind == "housing":
            a, word, per = (
                self.amount(30_000, 1_000_000, 10_000),
                r.choice(HOUSING_WORDS),
                r.choice(("", "一次性")),
            )
        elif kind == "settling":
            a, word, per = self.amount(20_000, 2_000_000, 10_000), r.choice(SETTLING_WORDS), "一次性"
        elif kind == "rent":
            a, word = self.amount(300, 3000, 100), r.choice(RENT_WORDS)
            per = r.choice(("每月", "每人每月"))
        elif kind == "living":
            if r.random() < 0.5:
                a, per = self.amount(500, 30_000, 500), r.choice(("每月", "每人每月"))
            else:
                a, per = self.amount(10_000, 200_000, 5_000), r.choice(("每年", "每人每年"))
            word = r.choice(LIVING_WORDS)
        elif kind == "research":
            a, word, per = self.amount(100_000, 100_000_000, 100_000), r.choice(RESEARCH_WORDS), ""
        elif kind == "startup":
            a, word, per = self.amount(100_000, 50_000_000, 100_000), r.choice(STARTUP_WORDS), ""
        elif kind == "award":
            a, word, per = (
                self.amount(1_000, 5_000_000, 1_000),
                r.choice(AWARD_WORDS),
                r.choice(("", "一次性")),
            )
        else:
            a, word = self.amount(1_000, 3_000, 100), r.choice(INTERN_WORDS)
            per = r.choice(("每月", "一次性"))
        cap = self.cap() if kind in ("research", "startup", "award", "housing", "settling") else ""
        years = r.random() < 0.15
        money = yuan_text(a, r)
        self.planted += 1
        if years:
            n = r.randint(2, 5)
            return f"{cond}{who}{n}年内每年给予{money}{word},{n}年内累计{cap}{yuan_text(a * n, r)}。"
        templates = (
            f"{cond}{who}给予{per}{cap}{money}的{word}。",
            f"{cond}对{who}{per}{r.choice(('发放', '给予', '提供'))}{word}{cap}{money}。",
            f"{who}{cond}可申请{per}{word},标准为{cap}{money}。",
            f"{cond}{who}{per}享受{cap}{money}{word}。",
            f"对来{self.p()}工作的{who},{per}{r.choice(('奖励', '补助', '资助'))}{cap}{money}。",
        )
        return r.choice(templates)

    def ranged(self) -> str:
        """给予20万至50万元的创业资助: a range is one row with a floor and a cap."""
        r = self.rng
        low = self.amount(50_000, 500_000, 50_000)
        high = low + self.amount(100_000, 2_000_000, 50_000)
        word = r.choice(STARTUP_WORDS + RESEARCH_WORDS)
        sep = r.choice(("至", "到", "-", "~"))
        self.planted += 1
        lo_text = f"{low // 10_000}" if r.random() < 0.6 else yuan_text(low, r)
        return f"对评审通过的{r.choice(SINGLE_TARGETS)}项目,根据评审等次给予{lo_text}{sep}{yuan_text(high, r)}{word}。"

    def set_phrase(self) -> str:
        """战略人才千万支持、领军人才百万托举、青年人才十万资助 (three rows, no digits at all)."""
        r = self.rng
        self.planted += 3
        return r.choice(
            (
                "构建“顶尖人才千万支持、领军人才百万资助、青年人才十万补贴”的政策体系。",
                "形成“战略人才千万支持、领军人才百万托举、青年人才十万资助、各类平台精准奖励”的支持格局。",
                "落实顶尖人才“一事一议”千万元支持、领军人才百万元资助、青年英才十万元补贴。",
            )
        )

    def in_kind(self) -> str:
        r = self.rng
        items = r.sample(IN_KIND, r.randint(1, 3))
        self.planted += len(items)
        return f"对{r.choice(SINGLE_TARGETS)},{';'.join(items)}。"

    def package(self) -> str:
        r = self.rng
        total = self.amount(200_000, 3_000_000, 10_000)
        self.planted += 1
        return r.choice(
            (
                f"“安家费、岗位津贴、购房补贴加起来有{yuan_text(total, r)},还有人才公寓拎包入住。”刚刚入职的博士{self.name()}说。",
                f"新引进的博士{r.randint(3, 5)}年内最高可享受{yuan_text(total, r)}综合待遇。",
                f"算下来,一名硕士研究生来{self.p()}工作,各项补贴合计可达{yuan_text(total, r)}。",
            )
        )

    def speech(self) -> str:
        """An offer inside a person's words, as news reports quote them."""
        inner = self.single().rstrip("。")
        return f"“{inner},这份诚意实实在在。”{self.p()}人社局相关负责人{self.name()}介绍。"

    def incentive(self) -> str:
        makers: tuple[tuple[Callable[[], str], float], ...] = (
            (self.enumeration, 0.30),
            (self.single, 0.38),
            (self.ranged, 0.06),
            (self.set_phrase, 0.04),
            (self.in_kind, 0.10),
            (self.package, 0.04),
            (self.speech, 0.08),
        )
        makers_, weights = zip(*makers, strict=True)
        return self.rng.choices(makers_, weights=weights)[0]()

    # -- metrics and decoys ---------------------------------------------------------------------
    def metric(self) -> str:
        r = self.rng
        w = self.place.whole
        year = r.randint(2016, 2025)
        return r.choice(
            (
                f"截至{year}年底,{w}人才总量达到{r.randint(2, 90)}.{r.randint(1, 9)}万人。",
                f"{year}年以来,累计引进各类人才{r.randint(300, 20000)}人,其中博士{r.randint(5, 300)}人。",
                f"{year}年共兑现人才奖补资金{r.randint(1, 9)}.{r.randint(10, 99)}亿元,惠及人才{r.randint(500, 9000)}人次。",
                f"设立{r.randint(1, 20)}亿元人才发展专项资金和{r.randint(2, 50)}亿元创新创业引导基金。",
                f"建成人才公寓{r.randint(100, 5000)}套,建成{r.randint(2, 40)}个省级以上人才发展平台。",
                f"{w}人才资源总量占常住人口的{r.randint(8, 30)}.{r.randint(1, 9)}%。",
                f"全年共发布{r.randint(1000, 9000)}个人才引进计划,{r.randint(100, 900)}家单位参与。",
            )
        )

    def decoy(self) -> str:
        r = self.rng
        return r.choice(
            (
                f"目前{self.p()}新建商品住宅均价约为每平方米{r.randint(4000, 30000)}元。",
                f"对年营业收入超过{r.randint(1, 50)}亿元的企业,优先推荐申报人才项目。",
                f"{r.randint(2016, 2025)}年,{self.p()}地区生产总值增长{r.randint(3, 9)}.{r.randint(0, 9)}%。",
                f"总投资{r.randint(5, 200)}亿元的{r.choice(('新材料', '新能源', '数字经济', '生物医药'))}产业园项目已开工建设。",
                f"咨询电话:0{r.randint(100, 999)}-{r.randint(10000000, 99999999)}。",
                f"全日制博士研究生可申请不低于{r.choice((90, 100, 120, 150))}平方米的人才住房。",
                f"现场签订{r.randint(5, 40)}个项目投资协议,{r.randint(50, 500)}余名在外人才加入商会。",
                f"{self.p()}赴{self.rng.choice(('北京', '上海', '武汉', '西安', '成都', '南京'))}、{self.rng.choice(('杭州', '广州', '哈尔滨', '长沙', '天津'))}等地高校开展引才活动{r.randint(3, 30)}场次。",
                f"按省级资金扶持标准的{r.choice((30, 50, 100))}%给予配套资金扶持。",
                f"未来五年计划引进全日制博士研究生{r.randint(10, 60)}?{r.randint(61, 120)}名。",
            )
        )

    def filler(self) -> str:
        return self.rng.choice(FILLER).format(place=self.p())


# ---------------------------------------------------------------------------------------------------
# Articles
# ---------------------------------------------------------------------------------------------------


@dataclass
class ArticleSpec:
    """What an article was written to say; the manifest keeps one per file."""

    file: str
    adcode: str
    place: str
    style: str
    script: str
    encoding: str
    glosses: bool
    damaged: bool
    junk: bool
    planted_incentives: int
    bytes: int


def _date(rng: random.Random) -> tuple[int, int, int, str]:
    y, m, d = rng.randint(2016, 2025), rng.randint(1, 12), rng.randint(1, 28)
    return y, m, d, f"{rng.randint(7, 22):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def _news_header(w: Writer) -> list[str]:
    r, place = w.rng, w.place
    y, m, d, t = _date(r)
    paper = r.choice(
        (
            *PAPERS,
            f"{place.province.short_names[0] if place.province.short_names else place.province.name}日报",
        )
    )
    title = r.choice(
        (
            f"{w.p()}:筑巢引凤让人才梦想“生根”",
            f"招才聚{place.short[:1]}“强磁场” 释放发展新活力",
            f"{w.p()}出台人才新政 真金白银揽英才",
            f"“青年”{w.p()} “活力”满满",
            f"聚才集智“亮”出新段位——{place.record.name}人才工作综述",
        )
    )
    dateline = r.choice(
        (
            f"{y}-{m:02d}-{d:02d} {t}    来源: {paper}",
            f"发布时间: {y}年{m:02d}月{d:02d}日 {t} 来源:{paper}",
            f"来源:{paper}  |  {y}-{m:02d}-{d:02d} {t}",
            f"{paper} {y}年{m}月{d}日",
        )
    )
    byline = r.choice(
        (
            f"本报记者 {w.name()} 通讯员 {w.name()}",
            f"□文/{w.name()} 图/{w.name()}",
            f"{paper}记者/{w.name()} {w.name()}",
            f"{place.short}新闻网讯 记者 {w.name()}",
        )
    )
    return [title, "", dateline, "", byline, ""]


def _policy_header(w: Writer) -> list[str]:
    r, place = w.rng, w.place
    y, m, d, _ = _date(r)
    title = r.choice(
        (
            f"{place.record.name}关于进一步加强人才引进工作的若干措施",
            f"关于实施人才发展新政策打造{place.short}人才新高地的意见",
            f"{place.record.name}高层次人才引进培养管理办法",
            f"《{place.record.name}急需紧缺人才引进办法》政策解读",
        )
    )
    return [
        title,
        f"来源:{place.record.name}人民政府网",
        f"时间:{y}-{m:02d}-{d:02d}",
        f"作者:{place.short}人才网",
        "浏览量:",
        "",
        f"为深入实施人才强{place.whole[-1]}战略,加快集聚各类人才,结合{place.located}实际,现提出如下措施。",
    ]


def _paragraph(w: Writer, offers: int) -> str:
    """A paragraph: offers mixed with metrics, decoys and talk, in a shuffled but seeded order."""
    r = w.rng
    parts = [w.incentive() for _ in range(offers)]
    parts += [w.metric() for _ in range(r.choice((0, 0, 1)))]
    parts += [w.decoy() for _ in range(r.choice((0, 1, 1)))]
    r.shuffle(parts)
    parts.insert(0, w.filler())
    return "".join(parts)


def _body(w: Writer, style: str, target: int) -> list[str]:
    """Sections of paragraphs until the article reaches about `target` UTF-8 bytes."""
    r = w.rng
    offers_total = max(3, target // 700)
    lines: list[str] = []
    section = 0
    numerals = "一二三四五六七八九十"
    while offers_total > 0 or len("".join(lines).encode()) < target:
        if style == "policy":
            heading = r.choice(DOC_HEADINGS).format(place=w.place.short)
            lines.append(f"{numerals[section % 10]}、{heading}")
            for k in range(r.randint(1, 3)):
                n = min(offers_total, r.randint(1, 3))
                offers_total -= n
                lines.append(
                    f"({numerals[k]}){_paragraph(w, n)}" if n else f"({numerals[k]}){_paragraph(w, 0)}"
                )
        else:
            if r.random() < 0.5:
                lines.append(r.choice(HEADINGS))
            for _ in range(r.randint(1, 3)):
                n = min(offers_total, r.randint(0, 2))
                offers_total -= n
                lines.append("  " + (_paragraph(w, n) if n else _paragraph(w, 0) + w.filler()))
        section += 1
        if len("".join(lines).encode()) > MAX_BYTES - 1500:
            break
    return lines


def _junk(w: Writer) -> list[str]:
    r = w.rng
    lines = [""]
    for template in r.sample(JUNK, r.randint(2, 6)):
        lines.append(template.format(name=w.name(), place=w.place.short, digits=r.randint(10**7, 10**8)))
    return lines


def write_article(index: int, seed: int, place: PlaceContext) -> tuple[bytes, ArticleSpec]:
    """Article number `index` of the corpus for `seed`: its bytes and what it was written to say."""
    rng = random.Random(f"{seed}/{index}")
    w = Writer(rng=rng, place=place)
    style = "policy" if rng.random() < 0.35 else "news"
    target = int(rng.triangular(MIN_BYTES + 400, MAX_BYTES - 1500, 5500))
    lines = (_policy_header(w) if style == "policy" else _news_header(w)) + _body(w, style, target)
    junk = rng.random() < 0.4
    if junk:
        lines += _junk(w)
    text = "\n".join(lines) + "\n"

    traditional = rng.random() < TRADITIONAL_SHARE
    glosses = damaged = False
    if traditional:
        converted = to_traditional(text)
        glosses = rng.random() < 0.35
        text = add_glosses(text, converted, rng, 0.2) if glosses else converted
    if rng.random() < 0.08:
        damaged = True
        text = lose_characters(text, rng, rng.randint(2, 8))
    # Cut at a line boundary if the planted text overran the largest size (glosses add bytes).
    while len(text.encode()) > MAX_BYTES:
        text = text[: text.rstrip("\n").rfind("\n")] + "\n"
    while len(text.encode()) < MIN_BYTES:
        text += "  " + w.filler() + "\n"
    encoding = "gb18030" if not traditional and rng.random() < GB18030_SHARE else "utf-8"
    data = text.encode(encoding)
    name = f"{index:06d}_{hashlib.sha1(data).hexdigest()[:16]}.txt"
    spec = ArticleSpec(
        file=name,
        adcode=place.record.adcode,
        place=place.record.name,
        style=style,
        script="traditional" if traditional else "simplified",
        encoding=encoding,
        glosses=glosses,
        damaged=damaged,
        junk=junk,
        planted_incentives=w.planted,
        bytes=len(data),
    )
    return data, spec


def place_order(seed: int) -> list[PlaceContext]:
    """Every place once per round, in a seeded order, so N >= 3,228 articles cover the whole country."""
    places = place_contexts()
    random.Random(f"{seed}/places").shuffle(places)
    return places


def generate(articles: int, out: Path, seed: int = DEFAULT_SEED) -> list[ArticleSpec]:
    """Write `articles` files into `out` (created; stale corpus files removed) and the manifest."""
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9]*_*.txt"):
        old.unlink()
    places = place_order(seed)
    specs = []
    for i in range(articles):
        data, spec = write_article(i, seed, places[i % len(places)])
        (out / spec.file).write_bytes(data)
        specs.append(spec)
    manifest = {"seed": seed, "articles": articles, "files": [asdict(s) for s in specs]}
    (out / ".manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), "utf-8")
    return specs


def summarise(specs: list[ArticleSpec]) -> dict[str, float | int]:
    n = len(specs) or 1
    return {
        "articles": len(specs),
        "megabytes": round(sum(s.bytes for s in specs) / 1e6, 2),
        "min_bytes": min((s.bytes for s in specs), default=0),
        "max_bytes": max((s.bytes for s in specs), default=0),
        "traditional_share": round(sum(s.script == "traditional" for s in specs) / n, 3),
        "gloss_share": round(sum(s.glosses for s in specs) / n, 3),
        "damaged_share": round(sum(s.damaged for s in specs) / n, 3),
        "policy_style_share": round(sum(s.style == "policy" for s in specs) / n, 3),
        "gb18030_share": round(sum(s.encoding == "gb18030" for s in specs) / n, 3),
        "places_covered": len({s.adcode for s in specs}),
        "planted_incentives": sum(s.planted_incentives for s in specs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True, help="how many articles to write")
    parser.add_argument("--out", type=Path, required=True, help="folder to write them to")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    specs = generate(args.articles, args.out, args.seed)
    summary = summarise(specs) | {"seconds": round(time.perf_counter() - started, 1)}
    print(json.dumps(summary, ensure_ascii=False), file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
