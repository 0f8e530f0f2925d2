"""Answer spans inside a clause: quantities with units, ranks, names, lists, people, dates.

Pure regular-expression helpers used by `rag.answering`; each returns (start, end) offsets in the clause.
"""

from __future__ import annotations

import re

UNITS = (
    "万亿元|亿美元|万美元|亿元|万元|元|万亿|亿|万人次|人次|万人|人|万户|户|万吨|吨|平方公里|公里|万平方米|平方米|"
    "个百分点|%|个|家|件|项|座|所|条|倍|次|名|年|微克|亩|公顷|万千瓦|千瓦|辆|套|台|张|万标箱|标箱|岁|天|小时"
)
QUANTITY = re.compile(
    rf"(?:超过|超|突破|近|约|达到|达)?(?P<num>\d+(?:\.\d+)?)(?P<unit>{UNITS})(?P<post>以上|左右|以内|以下)?"
)
RANK = re.compile(r"(?:第|前)[一二三四五六七八九十\d]{1,3}(?:位|名)?|首位")
PERSON = re.compile(
    r"(?:市长|县长|区长|书记|主任)(?P<name>[\u4e00-\u9fff]{2,3})(?=$|[，。、；：\s（(]|作|在|代表)"
)
QUOTED = re.compile(r"[“《]([^”》]{2,20})[”》]")
MEETING = re.compile(
    r"(?:第[一二三四五六七八九十]+届[\u4e00-\u9fff]{0,6})?第[一二三四五六七八九十]+次[\u4e00-\u9fff]{0,4}(?:会议|全会)"
)
DATE = re.compile(r"\d{4}年(?:\d{1,2}月)?(?:底|初|前|内|年底|上半年|下半年)?|年底|年内")
LIST = re.compile(r"[^，。；：、“”]{1,12}(?:、[^，。；：、“”]{1,12})+(?:和|及|与)?[^，。；：、“”]{0,12}")


_UNIT_WORD = re.compile(rf"^(?:亿|万|千)?(?:{UNITS})$|^金额$|^数量$")


def is_unit_word(word: str) -> bool:
    """'亿美元', '元', '%', '个' … and 金额/数量: they say what kind of answer, not what it is about."""
    return bool(_UNIT_WORD.match(word))


def unit_matches(unit: str, wanted: tuple[str, ...]) -> bool:
    """'万吨' satisfies '吨', '亿美元' satisfies '美元', '亿元' satisfies '元'."""
    return not wanted or any(unit.endswith(w) or w.endswith(unit) for w in wanted)


def quantities(clause: str) -> list[tuple[int, int, str]]:
    """(start, end, unit) of every number with a unit. The qualifier 以上/左右 stays with the number;
    the leading 超/突破 is left out of the span (the gold answers write 450亿元, not 超450亿元)."""
    out = []
    for m in QUANTITY.finditer(clause):
        start = m.start("num")
        if start > 0 and (clause[start - 1].isdigit() or clause[start - 1] == "."):
            continue
        out.append((start, m.end(), m.group("unit")))
    return out


def ranks(clause: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in RANK.finditer(clause)]


def people(clause: str) -> list[tuple[int, int]]:
    return [(m.start("name"), m.end("name")) for m in PERSON.finditer(clause)]


def quoted(clause: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in QUOTED.finditer(clause)]


def meetings(clause: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in MEETING.finditer(clause)]


def dates(clause: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in DATE.finditer(clause)]


def lists(clause: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in LIST.finditer(clause)]


HEAD = re.compile(
    r"哪(?:个|条|座|家|所|项|种|一个|一条)?([\u4e00-\u9fff]{1,4}?)(?:[？?的呢]|$)|[“\"]?([两三四五六七八九十\d][个大项条][\u4e00-\u9fff]{1,3})[”\"]?(?:是什么|是哪|分别)"
)
NOUNISH = ("n", "ns", "nr", "nt", "nz", "eng", "m", "x", "j", "l", "an", "q")
LEAD_VERB = re.compile(r".*(?:聚焦|围绕|突出|坚持|推进|实现|打造|建设|抓住|把握|落实|强化|包括|[，。；：])")


def head_noun(question: str) -> str | None:
    """The noun the question asks for: 「哪条线」 -> 线, 「哪个科学城」 -> 科学城, 「“两个重点”是什么」 -> 两个重点."""
    m = HEAD.search(question)
    if not m:
        return None
    return m.group(1) or m.group(2)


def before_head(clause: str, head: str, question: str) -> tuple[int, int] | None:
    """The name right before the head noun in the clause, back to the last verb: 「建设阳澄湖科学城」 ->
    阳澄湖科学城; a counted head (两个重点) is left out of the answer, a class noun (线) is kept."""
    import jieba.posseg as pseg

    at = clause.find(head)
    if at <= 0:
        return None
    if head[0] in "两三四五六七八九十" or head[0].isdigit():  # 「聚焦A和B、C两个重点」: back to the verb
        lead = LEAD_VERB.match(clause[:at])
        start = lead.end() if lead else 0
        return (start, at) if at - start >= 2 else None
    start = at
    for word, flag in reversed(list(pseg.cut(clause[:at]))):
        if not flag.startswith(NOUNISH) and word not in "、和与及":
            break
        if word in question and len(word) > 1:
            break  # words of the question are context, not the answer
        start -= len(word)
    return None if start == at else (start, at + len(head))
