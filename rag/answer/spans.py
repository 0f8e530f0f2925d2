"""Answer spans inside a clause: quantities with units, ranks, names, lists, people, dates.

Pure regular-expression helpers used by `rag.answer`; each returns (start, end) offsets in the clause.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise, takewhile
from typing import TypeVar

from rag.lexicon import OFFICE, ORGANISATION_ENDINGS, SURNAMES
from rag.numerals import CN_NUMERAL_CHARS, CN_TENS, MONTH, MULTIPLIER, NUMBER, UNITS, month_number
from rag.places import NOT_A_TOWN, everyday_word
from rag.query import FIRST_ASKED, GROWTH_ASKED, MOST, find_head
from rag.tokenize import default_words, known_word, word_ends

T = TypeVar("T", Decimal, float)
Named = TypeVar("Named")

# what counts before a measure word (「3张」, 「两张」, 「几张」)
DIGITS_AND_NUMERALS = "0123456789０１２３４５６７８９一二两三四五六七八九十百千几多"
YEAR = re.compile(r"(?:1\d|20)\d\d")  # 1628年 is a year too, not 1,628 of something
# 308亿元, 5.5%以上, 2万个, 1.38万亩, 3.48万亿元, 6000余名; a bare 万/亿 (超2万亿) counts as its own unit.
QUANTITY = re.compile(
    rf"(?:超过|超|突破|近|约|达到|达)?(?P<num>{NUMBER})(?:余|多)?"  # 「50多万人」, 「1万余人」: about so many
    r"(?: (?=[a-z]))?"  # 「820 m³/s」: a Latin unit after a space
    rf"(?P<unit>(?:{MULTIPLIER})?(?:余|多)?(?:{UNITS})|万亿|亿)(?P<post>以上|左右|以内|以下)?",
    re.IGNORECASE,  # 182CM
)
RANK = re.compile(  # not 「前三季度」, a time
    r"(?!前[一二三四1-4]季度)(?:第|前)[一二三四五六七八九十\d]{1,3}(?:位|名|张|个|次|届|代|任|号|期|季|部|集|章|条|款|节|批|轮|场|座|所|家|大)?|首位|"
    r"[一二三四五六七八九十两\d]{1,3}连冠"
)
PERSON = re.compile(  # an office, then the name: 「副省长周立新出席」, 「市长罗建华致辞」, 「州长　金成哲」
    rf"(?P<office>{OFFICE})"
    r"\s?(?P<name>[\u4e00-\u9fff]{2,3})"
    r"(?=$|[，。、；：\s（(]|作|在|代表|出席|宣布|致辞|讲话|表示|主持|介绍|指出|说|共同|一同|一起|等|率|亲自)"
)
QUOTED = re.compile(r"[“《「『]([^”》」』]{2,20})[”》」』]")
MEETING = re.compile(
    r"(?:第[一二三四五六七八九十]+届[\u4e00-\u9fff]{0,6})?第[一二三四五六七八九十]+次[\u4e00-\u9fff]{0,4}(?:会议|全会)"
)
_DAY = r"\d{1,2}日(?:[至到—－-](?:\d{1,2}月)?\d{1,2}日)?"  # 15日, 15日至17日
ISO_DATE = r"(?:19|20)\d\d-[01]?\d-[0-3]?\d(?![\d-])"  # a web page's 2024-03-26
_CN = "〇○零一二三四五六七八九"  # ○ (a circle) is how many a page writes 〇
_CN_DATE = rf"[{_CN}]{{4}}年(?:[一二三四五六七八九十]{{1,2}}月(?:[一二三四五六七八九十]{{1,3}}日)?)?"  # 一九六一年九月十日
# a day in Chinese numerals without its year (「六月三十日」, 「十二月一日」)
_CN_DAY = r"(?<![第每〇○零一二三四五六七八九十])(?:十[一二]?|[一二三四五六七八九])月(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])日"
_ERA = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})世纪(?:\d0年代|初期|中期|末期|初|中|末)?|\d{2,4}年代"
_MONTHS = r"\d{1,2}(?:[至到~～—－-]\d{1,2})?月(?:份|上旬|中旬|下旬)?"  # 8月, 2至4月, 3-8月
_CN_MONTH = r"(?:\d{1,2}月(?:\d{1,2}日)?|[一二三四五六七八九十]{1,2}月(?:[一二三四五六七八九十]{1,3}日)?)?"
# an era's year with the year AD beside it, either way round: 天正16年（1588年）, 1993年（民国82年）1月24日
_ERA_YEAR = (
    r"(?:[\u4e00-\u9fff]{2}(?:\d{1,3}|[元一二三四五六七八九十]{1,4})年\s?[（(]\d{3,4}年[）)]|"
    rf"(?:1\d|20)\d\d年[（(][\u4e00-\u9fff]{{2}}(?:\d{{1,3}}|[元一二三四五六七八九十]{{1,4}})年[）)]){_CN_MONTH}"
)
_ERA_DATE = rf"(?<!\d)\d{{2,3}}年\d{{1,2}}月(?:{_DAY})?"  # an era's year with its month: 民国115年1月1日
_WEEKDAY = (  # 周一, 周二至周日 (not 「每周一次」)
    r"(?:周|星期|礼拜)[一二三四五六日天](?:[至到—－~-](?:周|星期|礼拜)?[一二三四五六日天])?(?![次个年月])"
)
_CLOCK = (  # 17:30, 10时30分, 下午5点, 8点半, 下午四时半 (not 「3点要求」)
    r"(?:上午|下午|晚上|中午|早上|凌晨)?(?:[0-2]?\d[:：][0-5]\d|[0-2]?\d时(?:半|[0-5]?\d分)?)(?!\d)|"
    r"(?:上午|下午|晚上|中午|早上|凌晨)[0-2]?\d点(?:半|[0-5]?\d分)?|[0-2]?\d点(?:半|[0-5]?\d分|整)|"
    r"(?:上午|下午|晚上|中午|早上|凌晨)(?:十[一二]?|[一二三四五六七八九])[时点](?:半|正|整|[一二三四五]?十[一二三四五六七八九]?分|[一二三四五六七八九]分)?|"
    # an hour in Chinese numerals with its minutes (「九时二十三分」, 「二十时整」): a clock time without 上午 too
    r"(?<![第〇○零一二三四五六七八九十])(?:二十[一二三四]?|十[一二三四五六七八九]?|[一二三四五六七八九])时"
    r"(?:[一二三四五]?十[一二三四五六七八九]?分|[一二三四五六七八九]分|半|整)|"
    # and a bare one right after a day or a range's 至 (「三月四日十五时至三月五日三时」)
    r"(?<=[日至到])(?:二十[一二三四]?|十[一二三四五六七八九]?|[一二三四五六七八九])时(?![间期代候节])"
)
DATE = re.compile(
    rf"{_ERA_YEAR}|{ISO_DATE}|{_WEEKDAY}|{_CLOCK}|{_CN_DATE}|{_CN_DAY}|公元前?\d{{1,4}}年(?:\d{{1,2}}月)?|{_ERA}|"
    rf"\d{{4}}年(?:\d{{1,2}}月(?:{_DAY})?)?(?:底|初|前后|前|内|年底|上半年|下半年)?|{_ERA_DATE}|\d{{1,2}}月{_DAY}|{_MONTHS}|"
    r"年底|年内|[春夏秋冬][季天]|"
    r"逢[一二三四五六七八九十单双](?:[、和与][一二三四五六七八九十])*日?"  # a market's days of each ten (「逢三、八」)
)
_ITEM = r"(?:“[^”、，。]{1,14}”(?:[和及与]“[^”、，。]{1,14}”)?|[^，。；：、“”]{1,22})"
LIST = re.compile(
    rf"{_ITEM}(?:、{_ITEM})+"
)  # 「A、B和C」, 「“A”、“B”」; an item is quoted whole or not at all


_UNIT_WORD = re.compile(rf"^(?:{MULTIPLIER})?(?:{UNITS})$|^金额$|^数量$")


def is_unit_word(word: str) -> bool:
    """'亿美元', '元', '%', '个' … and 金额/数量: they say what kind of answer, not what it is about."""
    return bool(_UNIT_WORD.match(word))


SAME_UNIT = {"cm": "厘米", "公分": "厘米", "mm": "毫米", "km": "公里", "千米": "公里", "公尺": "米"}
SAME_UNIT |= {
    "kg": "公斤",
    "千克": "公斤",
    "m²": "平方米",
    "平米": "平方米",
    "km²": "平方公里",
    "平方千米": "平方公里",
}
# 「招多少人」 meets 「招聘工作人员156名」; cases (例) and persons (位) are people
SAME_UNIT |= {"摄氏度": "度", "℃": "度", "°C": "度", "°c": "度"}  # 「平均气温多少度」 meets 「4.6℃」
SAME_UNIT |= {"周岁": "岁", "名": "人", "例": "人", "位": "人"}  # 「几位特级教师」 meets 「特级教师６人」
# 「6个小时」 is 6小时, 「５个工作日」 5工作日
SAME_UNIT |= {
    "个小时": "小时",
    "个钟头": "小时",
    "钟头": "小时",
    "个星期": "周",
    "星期": "周",
    "个工作日": "工作日",
    **{name: "工作日" for name in ("个工作天", "工作天")},  # as Hong Kong and Taiwan write working days
    "公吨": "吨",  # a metric ton, as Taiwan writes it (公噸)
    "方": "立方米",  # 「多少方气」 is so many 立方米
    # money written in its currency's name (港币, 新台币) is money asked in 元
    **{name: "港元" for name in ("港币", "港幣")},
    **{name: "新台币元" for name in ("新台币", "新臺幣")},
    "澳門元": "澳门元",
    "批次": "批",  # 「抽检多少批次」 meets 「抽检386批次」 and 「86批」
    "棵": "株",  # 「种多少棵树」 meets 「植树86万株」: measure words that count the same things
    "幢": "栋",
    "针": "剂",  # a vaccine's shots are its doses (「打几针」 meets 「全程接种2剂」)
    "‰": "%",  # a rate asked (「税率是多少」) may be per mille (「千分之2」, 「2‰」) or per ten thousand
    "‱": "%",
}


def unit_matches(unit: str, wanted: tuple[str, ...]) -> bool:
    """'万吨' satisfies '吨', '亿美元' satisfies '美元', '亿元' satisfies '元'; 2cm is in 厘米, 5千克 in 公斤 —
    but 3次 is no 人次, 5公里 no 平方公里."""
    unit = _same_unit(unit)
    return not wanted or any(
        unit.endswith(w)
        and not unit[: len(unit) - len(w)].endswith(("平方", "立方"))  # 600平方米 is no height
        for w in (SAME_UNIT.get(w, w) for w in wanted)
    )


def _same_unit(unit: str) -> str:
    """The unit in the form `SAME_UNIT` gives it, after its multiplier (万港币: 万港元)."""
    if unit in SAME_UNIT:
        return SAME_UNIT[unit]
    times = re.match(MULTIPLIER, unit)
    rest = unit[times.end() :] if times else unit
    return unit[: len(unit) - len(rest)] + SAME_UNIT[rest] if rest in SAME_UNIT else unit


# what follows 「第3个工作日」 when it says how long one waits: from that day on
DAYS_AFTER = re.compile(r"(?<=[天日])(?:后|起|以后)|(?<=工作日)(?:后|起|以后|内)")


def _under_ten_thousand(number: str) -> bool:
    """「6,420」 or 「850」: a number that can follow 万 in one sum (「18万6,420户」)."""
    return bool(re.fullmatch(r"\d{1,4}|\d,\d{3}", number))


def _continues_number(before: str) -> bool:
    """A digit, a point or a letter before a number: the tail of a longer number or a code (PM2.5, G524)."""
    return before.isdigit() or before in ".-" or (before.isascii() and before.isalpha())


CN_RUN = CN_NUMERAL_CHARS
CN_QUANTITY = re.compile(
    rf"(?<![{CN_RUN}第万亿])(?P<num>[{CN_RUN}]+(?:[万亿][{CN_RUN}]+)+"  # 四十万八千六百元: groups under 万/亿
    rf"|(?=[{CN_RUN}]*[{CN_TENS}])[{CN_RUN}]{{2,12}}"  # 一千一百二十六万元, 一百多年 (一 alone is 一个, 一批: no figure)
    rf"|[两二三四五六七八九十百千]{{1,4}}|[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ])(?:余|多)?"
    rf"(?P<unit>(?:{MULTIPLIER})?(?:{UNITS}))"
)


# a score in points (「统招生648分」, 「452分以上」), which the general units leave out: 分 is also a clock's minute
# (「3时08分」, 「08:30分」) and a share (「百分之」, 「十分」)
SCORE = re.compile(r"(?<![\d.,:：时点])\d+(?:,\d{3})*(?:\.\d+)?分(?![钟之])(?:以上|以下)?")


def scores(clause: str) -> list[tuple[int, int, str]]:
    """(start, end, "分") of every score in points (`SCORE`): read only where the question asks for one."""
    return [(m.start(), m.end(), "分") for m in SCORE.finditer(clause)]


# a share written out (「增发百分之二十五」, 「百分之三点五」, 「税率为千分之2」, 「万分之五」): per cent, per mille or per
# ten thousand, its unit before the number
CN_PERCENT = re.compile(rf"(?P<part>[百千万])分之(?:[{CN_RUN}]+(?:点[{CN_RUN}]+)?|\d+(?:\.\d+)?)")
SHARE_UNIT = {"百": "%", "千": "‰", "万": "‱"}


def written_shares(clause: str, digits: bool) -> list[tuple[int, int, str]]:
    """(start, end, unit) of each share written 「百分之…」, 「千分之…」 or 「万分之…」: with digits (「千分之2」)
    or in Chinese numerals."""
    return [
        (m.start(), m.end(), SHARE_UNIT[m.group("part")])
        for m in CN_PERCENT.finditer(clause)
        if m.group()[-1].isdigit() == digits
    ]


# days written 日 in Chinese numerals before a time limit (「之日起七日内」, 「十五日前」), not a date's day (「六月三十日前」)
CN_DAY_LIMIT = re.compile(
    rf"(?<![{CN_RUN}月第])(?P<num>[两二三四五六七八九十]{{1,3}})日(?=前|内|以内|之内|后|以后|起)"
)


def cn_quantities(clause: str) -> list[tuple[int, int, str]]:
    """Numbers in Chinese numerals with a unit (再延长三十年, 两个, 二百余发, 百分之二十五, 七日内): a fallback when
    no digits answer."""
    found = [(m.start(), m.end(), m.group("unit")) for m in CN_QUANTITY.finditer(clause)]
    found += [(m.start(), m.end(), "日") for m in CN_DAY_LIMIT.finditer(clause)]
    shares = written_shares(clause, digits=False)
    return sorted(found + [s for s in shares if not any(a < s[1] and s[0] < b for a, b, _ in found)])


RANGE_HEAD = re.compile(rf"(?:{NUMBER})(?:(?:{MULTIPLIER})?(?:{UNITS}))?[至~～－—-]$")
# the 亿 part of one sum written in two parts: 「18亿3,460万元」, 「1亿零500万元」
HUNDRED_MILLIONS = re.compile(rf"(?<![\d.,])(?:{NUMBER})亿零?$")
TEN_THOUSANDS = re.compile(rf"(?<![\d.,])(?:{NUMBER})万零?$")


# a sum after the currency sign (「¥8,736,000.00」, 「￥1.2万」, a Hong Kong stamp's 「面值$20」) is in 元; a dollar
# sum keeps its sign (「$20」 is not 20元 of another money)
MONEY_SIGN = re.compile(
    rf"(?P<sign>[¥￥]|(?:HK|US|MOP|NT)?[$＄])(?P<num>{NUMBER})(?P<unit>(?:{MULTIPLIER})?元?)"
)
# days written 日 in a notice's time limit (「3日前预约」, 「30日内」, 「将被暂停90日。」), not a date's day (「1月1日前」,
# 「22日14时」, 「15日至20日」, 「于25日，」)
DAY_LIMIT = re.compile(
    r"(?<![\d月.至到—－~～-])(?P<num>\d{1,3})(?P<unit>日)(?P<limit>前|内|以内|之内|后|以后|以前|起|(?=[。，；,;]|$))"
)


def _days_said(clause: str, m: re.Match[str]) -> bool:
    """A `DAY_LIMIT` match counts days: a limit follows it (「3日前」), or it ends a clause not after 于, 在 or 止
    (「暂停90日。」, not 「于25日，」, a day of the month)."""
    return bool(m.group("limit")) or m.start() == 0 or clause[m.start() - 1] not in "于在止"


# the hundredths after a time in seconds (「10秒12」), not a count that follows it
HUNDREDTHS = re.compile(rf"\d{{2}}(?![\d.%])(?!(?:{MULTIPLIER})?(?:{UNITS}))")


# a ratio of parts: three or more figures (「三次产业结构为20.5:28.0:51.5」), or two after a ratio's name
# (「城乡居民收入之比为1.85:1」); a clock time (「9:30」) is none
RATIO = re.compile(r"(?<![\d.:：])\d+(?:\.\d+)?(?:[:：]\d+(?:\.\d+)?){1,3}(?![\d.:：])")
RATIO_LEAD = re.compile(r"(?:结构|比例|之比|比值|配比)[为是约达到了]{0,3}$")
CLOCK = re.compile(r"\d{1,2}[:：]\d\d(?:[:：]\d\d)?")


def ratios(clause: str) -> list[tuple[int, int, str]]:
    return [
        (m.start(), m.end(), "比")
        for m in RATIO.finditer(clause)
        if RATIO_LEAD.search(clause, 0, m.start())
        or (len(re.findall("[:：]", m.group())) >= 2 and not CLOCK.fullmatch(m.group()))
    ]


LENGTHS = ("米", "厘米", "毫米", "公分", "m", "cm", "mm")
# longest unit first: 「2mm×3mm」 is read to its mm, not to 3m
BY_SIDE = re.compile(
    rf"\s?[×xX*＊]\s?(?:{NUMBER})\s?(?:{'|'.join(sorted(LENGTHS, key=len, reverse=True))})(?![²³])"
)


def quantities(clause: str) -> list[tuple[int, int, str]]:
    """(start, end, unit) of every number with a unit. The qualifier 以上/左右 stays with the number;
    the leading 超/突破 is left out of the span (an answer's span takes it back: `qualified`)."""
    out: list[tuple[int, int, str]] = []
    for m in QUANTITY.finditer(clause):
        start = m.start("num")
        if m.group("unit") == "年" and (
            YEAR.fullmatch(m.group("num")) or clause[m.end() : m.end() + 1] == "度"
        ):
            continue  # 2024年 is a date, not a quantity; 「2025/26年度」 a year's name
        head = RANGE_HEAD.search(clause, max(0, start - 24), start)
        unit = m.group("unit")
        sum_head = (  # 「18亿3,460万元」, 「3亿5千万元」, 「1万5千元」, 「18万6,420户」: one sum each
            HUNDRED_MILLIONS.search(clause, max(0, start - 16), start)
            if unit.startswith(("万", "千万"))
            else TEN_THOUSANDS.search(clause, max(0, start - 12), start)
            if unit.startswith(("千", "百"))
            or (not re.match(MULTIPLIER, unit) and _under_ten_thousand(m.group("num")))
            else None
        )
        if sum_head:
            start = sum_head.start()  # one sum, not 18亿 and 3,460万元
            while out and out[-1][0] >= start:
                out.pop()
        elif head and not (head.start() > 0 and _continues_number(clause[head.start() - 1])):
            start = head.start()  # 「海拔100米至2,800米」, 「15至20厘米」, 「70-80公里」: one range
            while out and out[-1][0] >= start:
                out.pop()  # its first figure, found alone
        elif start > 1 and clause[start - 1] in ":：" and clause[start - 2].isdigit():
            continue  # the minutes of a clock time: 「首班车06:10自…发车」 holds no 10发
        elif start > 0 and _continues_number(clause[start - 1]):
            continue  # the tail of a longer number, or a code: PM2.5, G524, S1
        elif start > 0 and clause[start - 1] == "第" and not DAYS_AFTER.match(clause, m.end()):
            continue  # 第3名 is a rank (「第3个工作日后可领取」 is a wait of so many days)
        if out and start < out[-1][1]:
            continue  # the minutes or seconds of a time already read whole
        end = m.end()
        if m.group("unit") in ("小时", "天") and not m.group("post"):  # 21小时36分08秒: one time
            tail = DURATION_TAIL.match(clause, end)
            end = tail.end() if tail else end
        elif m.group("unit") == "秒" and (tail := HUNDREDTHS.match(clause, end)):
            end = tail.end()
        if m.group("unit") == "秒" and (minutes := MINUTES_BEFORE.search(clause, 0, start)):
            start = minutes.start()  # 「3分20秒」: one time, not 20秒
            while out and out[-1][0] >= start:
                out.pop()  # 「12分钟」 of 「12分钟15秒」, found alone
        if not m.group("post") and (per := PER_TAIL.match(clause, end)):
            end = per.end()  # 「27微克/立方米」, 「820 m³/s」: a rate's unit is one
        elif m.group("unit").lower() in LENGTHS:
            while side := BY_SIDE.match(clause, end):
                end = side.end()  # 「2米×1.5米」: a size, one figure
        out.append((start, end, m.group("unit").lower()))
    out += [
        (m.start("num"), m.end("unit"), "日")
        for m in DAY_LIMIT.finditer(clause)
        if _days_said(clause, m) and not any(a < m.end() and m.start() < b for a, b, _ in out)
    ]
    out.sort()
    money = [
        (m.start("num" if m.group("sign") in "¥￥" else "sign"), m.end(), m.group("unit").rstrip("元") + "元")
        for m in MONEY_SIGN.finditer(clause)
    ]
    out += [q for q in money if not any(a < q[1] and q[0] < b for a, b, _ in out)]
    out += [
        q for q in written_shares(clause, digits=True) if not any(a < q[1] and q[0] < b for a, b, _ in out)
    ]
    return sorted(out + [q for q in ratios(clause) if not any(a < q[1] and q[0] < b for a, b, _ in out)])


# a table's header cell that names its column's unit: 「单价（元）」, 「金额(万元)」, 「增长（%）」, 「学费（元/生·年）」
# a header's note in brackets after its name and unit (「年均增长（%）〔累计〕」): what a bracketed cell holds
HEAD_NOTE = r"[〔［\[]([^〕］\]]{1,6})[〕］\]]"
HEADER_UNIT = re.compile(  # 「单价（元）」, 「年均增长（%）〔累计〕」
    rf"[（(](?:单位[:：])?(?P<unit>(?:{MULTIPLIER})?(?:{UNITS}))(?:/[^）)/]{{1,8}})?[）)](?:{HEAD_NOTE})?$"
)


def cells(row: str) -> list[tuple[int, int]]:
    """(start, end) in `row` of each cell of a table row as the cleaner writes it (「a | b | c」)."""
    out: list[tuple[int, int]] = []
    at = 0
    for cell in row.split(" | "):
        out.append((at, at + len(cell)))
        at += len(cell) + 3
    return out


def row_name(row: str, head: str | None, terms: dict[str, float]) -> tuple[int, int] | None:
    """The cell of a table row that names what a 哪个/哪家 question asks: the one ending as the head noun
    asked does (「哪家公司」: 「…热力有限公司」), else the row's label (its first cell of words) when the
    question's words are found in another of its cells (「凤凰城二期」 in the 划片 cell: the school)."""
    named = []  # the cells of words, without the spaces around them
    for a, b in cells(row):
        text = row[a:b]
        if re.search(r"[\u4e00-\u9fff]", text) and not BARE_FIGURE.fullmatch(text.strip()):
            start = a + len(text) - len(text.lstrip())
            named.append((start, start + len(text.strip())))
    if not named:
        return None
    if head and len(head) >= 2:
        ending = next(((a, b) for a, b in named if row[a:b].endswith(head)), None)
        if ending:
            return ending
    weight = [sum(w for t, w in terms.items() if t in row[a:b]) for a, b in named]
    return named[0] if len(named) > 1 and max(weight[1:]) > weight[0] else None


def header_units(columns: str, row: str, table_unit: str = "") -> list[tuple[int, int, str]]:
    """(start, end, unit) in `row` of each bare figure (「179,050.00」, 「6800左右」) under a header cell that
    names its unit (「单价（元）」), or in a row whose label does (「一般公共预算收入（亿元） | 248.6 | 320」), or
    in a table whose caption does (`table_unit`: 「（单位：亿元）」 above the header); none when the row's cells
    do not line up with the header's."""
    heads, spans = columns.split(" | "), cells(row)
    if len(heads) != len(spans):
        return []
    label = next((m.group("unit") for a, b in spans if (m := HEADER_UNIT.search(row[a:b].strip()))), None)
    # a column of units (「产品名称 | 单位 | 产量」 over 「牛奶 | 万吨 | 192.70」): the row's own unit
    unit_cell = next(
        (row[a:b].strip() for h, (a, b) in zip(heads, spans, strict=True) if UNIT_COLUMN.fullmatch(h)), ""
    )
    label = label or (
        unit_cell if unit_cell and [u for _, _, u in quantities("1" + unit_cell)] == [unit_cell] else None
    )
    out: list[tuple[int, int, str]] = []
    for head, (a, b) in zip(heads, spans, strict=True):
        named = HEADER_UNIT.search(head.strip())
        unit = named.group("unit") if named else (label or table_unit)
        figure = row[a:b].strip().strip("〔〕［］[]")  # 「〔5.4〕」: a plan's change over its period
        if unit and figure and BARE_FIGURE.fullmatch(figure):
            start = row.index(figure, a)
            out.append((start, start + len(figure), unit))
    return out


UNIT_COLUMN = re.compile(r"(?:计量)?单位")
# a table's unit in the line above its header (「主要支出科目安排如下（单位：亿元）：」, 「表1 …（单位：万元）」)
CAPTION_UNIT = re.compile(rf"单位[:：]\s*(?P<unit>(?:{MULTIPLIER})?(?:{UNITS}))(?![\u4e00-\u9fff])")
BARE_FIGURE = re.compile(rf"(?:{NUMBER})(?:以上|左右|以内|以下)?")


# the minutes before a time in seconds (「3分20秒」)
MINUTES_BEFORE = re.compile(r"(?<![\d.])\d{1,3}分(?:钟)?$")
# the per-what of a rate after its unit (「微克/立方米」, 「m³/s」, 「公里/小时」)
PER_TAIL = re.compile(
    r"/(?:立方米|平方米|平方公里|公里|千米|米|秒|小时|时|天|日|人次|人|户|吨|亩|公斤|千克|斤|年|月|次|件|台|辆|"
    r"km²|m³|m²|km|kg|s|h|l)(?![a-z])",
    re.IGNORECASE,
)
DURATION_TAIL = re.compile(r"\d{1,2}(?:小时|分钟|分)(?:\d{1,2}(?:分钟|分|秒))?(?:\d{1,2}秒)?|\d{1,2}秒")


# Words before a figure that change what it says: 「超过1800个」 is not 「1800个」, 「可达55米」 not 「55米」
# (「仅90位」 is 90: emphasis stays out).
QUALIFIER = re.compile(
    r"(?:大约|(?<![节制公签条合预])约|将近|接近|(?<![附最])近|超过|超出|超|逾|突破|不到|不足|不少于|不低于|"
    r"不超过|至少|最多|最高|可达)$"
)


def qualified(clause: str, span: tuple[int, int], question: str = "") -> tuple[int, int]:
    """The figure's span with the qualifiers right before it (「超过1800个」, 「大约不到8公斤」) that the
    question does not already say (「体长可达多少」 is answered 「20公分」)."""
    start = span[0]
    while (m := QUALIFIER.search(clause, max(0, start - 3), start)) and m.group() not in question:
        start = m.start()
    return start, span[1]


def ranks(clause: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in RANK.finditer(clause)]


OFFICE_THEN = re.compile(rf"(?P<office>{OFFICE})\s?")


def people(clause: str, question: str = "") -> list[tuple[int, int]]:
    """Names right after an office: two or three characters before a verb of speaking or a break, or the
    person's name the tagger reads there (「师长池峰城率部」, 「司长梁锦辉主礼」) — where the office ends a word
    (「教师长期坚守」 holds no 师长), and is the one the question names, if it names one (「副馆长是谁」 is not
    answered by 「馆长曾济群」)."""
    import jieba.posseg

    ends = word_ends(clause)
    asked = {_office_word(question, m.end("office")) for m in OFFICE_THEN.finditer(question)}
    found: set[tuple[int, int]] = set()
    for m in OFFICE_THEN.finditer(clause):
        office = _office_word(clause, m.end("office"))
        if m.end() not in ends or (asked and not any(_same_office(office, a) for a in asked)):
            continue
        said = PERSON.match(clause, m.start())
        if said and said.start("name") == m.end() and _could_be_name(said.group("name")):
            found.add((said.start("name"), said.end("name")))
            continue
        words = jieba.posseg.lcut(clause[m.end() : m.end() + 8])
        if words and words[0].flag.startswith("nr") and 2 <= len(words[0].word) <= 4:
            found.add((m.end(), m.end() + len(words[0].word)))
    return sorted(span for span in found if clause[span[0] : span[1]] not in question)


def _could_be_name(text: str) -> bool:
    """A person's name as the tagger sees it: one word it tags as a name, or pieces it does not know as one
    word (何/咏诗, 周/立新) — not a common word (「董事长职务」, 「市长热线」) nor one starting with a particle
    or a numeral (「总统的规定」, 「市长一职」)."""
    import jieba.posseg

    words = jieba.posseg.lcut(text)
    if len(words) == 1:
        return words[0].flag.startswith("nr")
    return not words[0].flag.startswith(("u", "p", "c", "y", "m", "x"))


def _same_office(said: str, asked: str) -> bool:
    """「师师长」 (the tagger's word for 第31师师长) is the 师长 asked; a deputy is not the head (副馆长, 馆长)."""
    return said.endswith(asked) and ("副" in said) == ("副" in asked)


def _office_word(text: str, end: int) -> str:
    """The tagger's last word of the text up to where an office ends: 副馆长, not 馆长."""
    ends = sorted(word_ends(text[:end]) | {0})
    return text[ends[-2] : end].strip()


# 0595-22580318, 0311-66002120-8001, (0579)82468123, 13912345678, 400-123-4567, 82468123; in full-width digits
# too (０８５１－３３２２３８０)
PHONE = re.compile(
    r"(?<![\d-])(?:[(（][0０]\d{2,3}[)）]\s?\d{7,8}|[0０]\d{2,3}[-－—]\d{7,8}(?:[-－—]\d{1,4})?|[1１][3-9３-９]\d{9}|"
    r"400[-－]?\d{3}[-－]?\d{4}|\d{7,8}(?![万亿元人个家次名台套件项])|"
    # Hong Kong's and Macau's eight digits written as two fours (「热线2835 1473」), not two years
    r"(?!(?:19|20)\d\d\s(?:19|20)\d\d)[2-9]\d{3}[ \u3000]\d{4}(?![万亿元人个家次名台套件项年]))(?![\d-])"
)
HOTLINE = re.compile(r"(?:热线|电话|拨打)[:：]?\s?(1\d{4})(?!\d)")  # 12345, 12315


def phones(clause: str) -> list[tuple[int, int]]:
    """Telephone numbers: with an area code, mobile, 400, a local number, or a short hotline after 热线/电话."""
    found = [(m.start(), m.end()) for m in PHONE.finditer(clause)]
    found += [(m.start(1), m.end(1)) for m in HOTLINE.finditer(clause)]
    return sorted(found)


# 10126, 215000, G15, 91320500MA1XXXXX: digits (with letters) that are no quantity, year or date
CODE = re.compile(
    r"(?<![A-Za-z0-9.\-])(?=[A-Za-z0-9\-]*\d)[A-Za-z0-9][A-Za-z0-9\-]{2,}(?![A-Za-z0-9.%\-]|[万亿元年月日号])"
)


def codes(clause: str) -> list[tuple[int, int]]:
    """Codes (a school's, a postcode, an identifier): digit runs that no unit, year or date mark follows,
    and no quantity of the clause includes."""
    counted = quantities(clause)
    return [
        (m.start(), m.end())
        for m in CODE.finditer(clause)
        if not any(a <= m.start() < b for a, b, _ in counted)
    ]


def quoted(clause: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in QUOTED.finditer(clause)]


def meetings(clause: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in MEETING.finditer(clause)]


DATE_RANGE = re.compile(r"[至到—－~～-]?")  # a range, or a day and its time (周日上午11:00)


TITLE = re.compile(r"《[^》]*》|“[^”]*”|「[^」]*」")


def dates(clause: str) -> list[tuple[int, int]]:
    """Dates, a range of two dates one span (「1984年10月7日至1985年9月29日」)."""
    out: list[tuple[int, int]] = []
    titles = [t.span() for t in TITLE.finditer(clause)]
    for m in DATE.finditer(clause):
        bare = re.match(_WEEKDAY, m.group()) or re.fullmatch(rf"\d{{4}}年|[{_CN}]{{4}}年", m.group())
        if bare and any(a < m.start() < b for a, b in titles):
            continue  # 《台视周日卡通》 names a programme, not a day; 「二〇二六年度…资助计划」 a plan, not its date
        if bare and clause[max(0, m.start() - 2) : m.start()] == "关于":
            continue  # 「关于2026年消费品以旧换新工作的部署」: the year of what is spoken about, not a date
        if out and DATE_RANGE.fullmatch(clause[out[-1][1] : m.start()]):
            out[-1] = (out[-1][0], m.end())
        else:
            out.append((m.start(), m.end()))
    return out


RANGE_CUT = re.compile(
    rf"(?<=[\d{_CN}十][日月年号时分])[至到—－~～]|(?<=\d)[至到—－~～](?=\d)"
)  # 9月18日至9月24日
CLOCK_CUT = re.compile(r"(?<=:\d\d)-(?=\d{1,2}:)")  # 6:30-17:30 (2025-03-18 is one date)


def range_side(clause: str, span: tuple[int, int], side: str | None) -> tuple[int, int]:
    """The date that ends (side "end") or starts ("start") a range of two dates (「9月18日至9月24日」,
    「6:30-17:30」); the span as it is otherwise."""
    if side is None:
        return span
    text = clause[span[0] : span[1]]
    cut = RANGE_CUT.search(text) or CLOCK_CUT.search(text)
    if cut is None:
        return span
    return (span[0] + cut.end(), span[1]) if side == "end" else (span[0], span[0] + cut.start())


def side_of_pair(clause: str, found: Sequence[tuple[int, int]], side: str | None) -> list[tuple[int, int]]:
    """Of two dates written as a range apart (「自7月14日0时起至9月30日24时止」), the one on the side asked;
    `found` as it is when no such pair or no side."""
    days = [(a, b) for a, b in found if not re.fullmatch(_WEEKDAY, clause[a:b])]
    for (a, b), (c, d) in pairwise(days):
        # 「7月6日（星期一）至9月4日（星期五）」: the weekday said in brackets after a day is part of it
        # and an hour said in Chinese numerals (「三月十五日零时起至四月三十日二十四时止」) is the day's start or end
        if side and re.fullmatch(
            rf"(?:[（(]{_WEEKDAY}[）)])?(?:[零〇一二三四五六七八九十]{{1,3}}[时点])?(?:起|开始)?[，,]?[至到—－~～-]",
            clause[b:c],
        ):
            return [(c, d) if side == "end" else (a, b)]
    return list(found)


def month_of(date: str) -> int | None:
    """The month a date names (「7月7日」, 「2026-07-07」, 「七月七日」: 7), or None."""
    m = re.search(rf"(?<![\d{CN_NUMERAL_CHARS}])({MONTH})月", date) or re.match(
        r"\d{4}[-/.](\d{1,2})[-/.]", date
    )
    return month_number(m.group(1)) if m else None


def date_parts(date: str) -> set[str]:
    """Which of 年, 月, 日 a date names (2024-03-26 names all three), or 周 (a weekday), 时 (a clock time)."""
    if re.fullmatch(ISO_DATE, date):
        return {"年", "月", "日"}
    parts = {u for u in "年月日" if u in date}
    if date.startswith("逢"):
        parts.add("日")  # 「逢三、八」: days of each ten of the month
    if re.match(_WEEKDAY, date):
        parts.add("周")
        if re.fullmatch(_WEEKDAY, date):
            parts.discard("日")  # 「周日」 is a weekday, not a day of the month
    if re.search(_CLOCK, date):
        parts.add("时")
    return parts


def most_specific(found: Sequence[tuple[int, int]], text: str) -> tuple[int, int]:
    """The date that names the most parts (a day over a month over a year: 「2008年夏季…在2008年8月15日」
    answers 何时 with the day; a weekday or a clock time counts after those: 「《台视周日卡通》」 is no date
    beside 1993年1月24日); the first of equals."""

    def rank(se: tuple[int, int]) -> tuple[int, int, int]:
        parts = date_parts(text[se[0] : se[1]])
        return len(parts & {"年", "月", "日"}), len(parts), -se[0]  # a weekday or a clock time after a date

    return max(found, key=rank)


LIST_LEAD = re.compile(
    r"(?:[\u4e00-\u9fff]{0,10}?(?:推动|推进|培育|壮大|增强|发展|打造|建设|聚焦|围绕|包括|实施|加快|支持|形成|做强|"
    r"做优|做好|做亮|做实|擦亮|打响|谋划|布局|提升|优化|完善|深化|加强|巩固|引进|建成|开展|开设|设置|设立|设有|"
    r"设(?=\d)))+"
)


COUNT_BEFORE = re.compile(r"(?:[一二两三四五六七八九十几\d]+[大个项类种家所条座批]?|等|这些|上述)$")


def lists(clause: str, context: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Runs of 、-separated items, without the verb before the first item and with the last item cut
    at 等 or at a word of the question (「推动A、B、C等国家先进制造业集群向…」 -> A、B、C等;
    「A、B、C三大支柱产业完成…」 asked about 三大支柱产业 -> A、B、C)."""
    out = []
    for m in LIST.finditer(clause):
        start, end = m.start(), m.end()
        lead = LIST_LEAD.match(clause, start, end)
        first = clause.find("、", start)
        if lead and first - lead.end() >= 2:
            start = lead.end()
        later = clause[first + 1 : end].split("、")
        shared = later[0][:2] if all(item.startswith(later[0][:2]) for item in later) else ""
        if len(shared) == 2 and clause.find(shared, start, first) > start:  # 「谋划未来制造、未来信息」
            start = clause.find(shared, start, first)
        last = clause.rfind("、", start, end) + 1
        cut = clause.find("等", last, end)
        if cut >= 0:
            end = cut + 1
        # the question's phrase after the items (「…三大支柱产业」) or their count (「…和证书领取三类业务」) ends
        # the run; a word of the question inside the last item does not (「不动产登记资料查询」)
        stops = [
            at
            for word in context
            if len(word) >= 2
            and (at := clause.find(word, last + 1, end)) > last
            and _mostly(clause[at:end], context)
            # after a count (「三大」) the phrase names the items' class; else it ends the last item's name
            # (「蕉岭县职业技术学校」 for 「哪几所学校」)
            and COUNT_BEFORE.search(clause, last + 1, at)
        ]
        counted = COUNTED.search(clause, last + 1, end) or _count_of_items(clause, start, first, end)
        out.append((start, min([*stops, *([counted.start()] if counted else [])], default=end)))
    return out or _pair(clause)


def _count_of_items(clause: str, start: int, first: int, end: int) -> re.Match[str] | None:
    """A count right after as many items as it says, inside a run the pattern read on past it
    (「A、B、C三大主导产业产值分别增长9.6%、3.2%、7.8%」: 三大 ends the three items)."""
    for m in COUNTED.finditer(clause, first + 1, end):
        if NUMERALS.index(m.group(1).replace("二", "两")) + 1 == clause.count("、", start, m.start()) + 1:
            return m
    return None


def _pair(clause: str) -> list[tuple[int, int]]:
    """Two names of one class joined by 或/和/及/与 (「经明仁大街或永清大街绕行」): both, as a list of two."""
    import jieba.posseg

    words = jieba.posseg.lcut(clause)
    ends = [0]
    for w in words:
        ends.append(ends[-1] + len(w.word))
    for i, w in enumerate(words):
        if w.word not in "或和及与" or i == 0:
            continue
        right = list(takewhile(lambda x: x.flag.startswith("n"), words[i + 1 :]))
        left = list(takewhile(lambda x: x.flag.startswith("n"), reversed(words[:i])))[: len(right)]
        if len(right) >= 2 and len(left) == len(right) and left[0].word == right[-1].word:
            return [(ends[i - len(left)], ends[i + 1 + len(right)])]
    return []


COUNTED = re.compile(r"([两二三四五六七八九十])(?:个|大|项|座|条|种|类|家|方面)")


def _mostly(text: str, words: Sequence[str]) -> bool:
    """At least half of `text` is words of the question (the phrase it asks about, not an item)."""
    covered: set[int] = set()
    for word in words:
        if len(word) >= 2:
            for m in re.finditer(re.escape(word), text):
                covered.update(range(m.start(), m.end()))
    return len(covered) * 2 >= len(text)


NUMERALS = "一两三四五六七八九十"


def list_size(question: str) -> int | None:
    """How many items the question expects: 「哪三个」, 「三大支柱产业」, 「“四个高”」 -> 3, 3, 4."""
    m = COUNTED.search(question.replace("二", "两"))
    return NUMERALS.index(m.group(1)) + 1 if m else None


def item_counts(items: str) -> set[int]:
    """The number of items a listed span may hold: 「A、B和C」 is three, unless 和 joins one item."""
    n = items.count("、") + 1
    return {n, n + 1} if re.search(r"[和及与]", items.rsplit("、", 1)[-1]) else {n}


NOUNISH = ("n", "ns", "nr", "nt", "nz", "eng", "m", "x", "j", "l", "an", "q")
LEAD_VERB = re.compile(r".*(?:聚焦|围绕|突出|坚持|推进|实现|打造|建设|抓住|把握|落实|强化|包括|[，。；：])")


def nounish(text: str, verbal: bool = False) -> bool:
    """True when every word of `text` is a noun, a name, a number or a foreign word: it can be a name;
    `verbal` admits a verb used as a noun too (服务, 工作)."""
    import jieba.posseg as pseg

    return all(flag.startswith(NOUNISH) or (verbal and flag == "vn") for _, flag in pseg.cut(text))


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
        # a name's distinguishing word stays in it, and a verbal noun right before the head (「学生/在线/服务/系统」;
        # not 「建设/阳澄湖/科学城」)
        # (a rare character the tagger knows only as a morpheme, g or zg, is part of a name: 「在/溱/东镇」 is 溱东镇,
        # 「安排/湾/甸子镇」 湾甸子镇)
        kept = (
            flag.startswith((*NOUNISH, "b", "g"))
            or (flag == "vn" and start == at)
            or (flag == "zg" and len(word) == 1)
        )
        if not kept and word not in "、和与及":
            break
        if word in question and len(word) > 1:
            break  # words of the question are context, not the answer
        start -= len(word)
    if head in ROADS and clause[start : at + len(head)] in ROAD_WORDS:
        return None  # 「上道路行驶」 names no road
    return None if start == at else (start, at + len(head))


ROADS = ("路", "道", "街")  # a road is named …路, …大道 or …街
ADDRESS_ROAD = re.compile(r"(?:[区县镇市乡（(：:]|^)([^\W\d区县镇市乡]{2,6}?(?:大道|大街|路|街))\d+号")
PLACE_CLASS = r"国家?|省份?|城市?|州|县|地区"  # 「哪个国家」 asks a named place, not an address


ROAD_WORDS = {"道路", "马路", "公路", "路面", "路段", "路口", "线路", "通道", "干道", "主干道", "大道"}


def of_class(clause: str, head: str | None, question: str) -> tuple[int, int] | None:
    """A name whose last word ends as the head noun asked does (「哪个球场」: 惠堂体育场), with the nouns before
    it (`before_head`); None when the clause names none or the head is a place's class (国家, 城市)."""
    import jieba
    import jieba.posseg as pseg

    head = jieba.lcut(head)[0] if head else None  # 「哪个球场踢的」: 球场
    if not head or re.fullmatch(f"{PLACE_CLASS}|地方", head):
        return None
    ends = ROADS if head[-1] in ROADS else (head[-1],)  # 「哪条路」 meets 「茉莉花大道」
    address = ADDRESS_ROAD.search(clause) if head[-1] in ROADS else None
    if address and address.group(1) not in question:  # 「渝水区仙来大道1188号」: the road of an address
        return address.span(1)
    at, before = 0, ("", "x")
    for word, flag in pseg.cut(clause):
        at += len(word)
        # 「鲤鱼门/道」, 「湾/甸子/镇」: the tagger cuts the road's or the town's name from its class
        cut = (word in ROADS and head[-1] in ROADS) or (len(head) == 1 and word == head)
        if cut and before[1].startswith("n") and len(before[0]) >= 2:
            word, flag = before[0] + word, "ns"
        before = (word, flag)
        generic = head[-1] in ROADS and word in ROAD_WORDS  # 「上道路行驶」 names no road
        if (
            len(word) >= 2
            and flag.startswith("n")
            and word.endswith(ends)
            and word not in question
            and not generic
        ):
            named = before_head(clause[:at], word, question)
            # 「北京协和医院」: one word, a name of its own (not 「上半场」, which the tagger calls a place);
            # 「哪个门」 meets 「东门」, a name of the one-character class asked
            if named or flag in {"nt", "nz"} or len(word) >= 4 or len(head) == 1:
                start, end = named or (at - len(word), at)
                if clause[end : end + 1] == head[-1] and jieba.lcut(clause[end : end + 4])[0] == head[-1]:
                    end += 1  # 「在/旧镇/镇/浯江村」: the town 旧镇镇, its class said twice
                while start < end and not clause[start].isalnum():
                    start += 1  # 「（横州镇茉莉花大道168号）」: the name, not the bracket before it
                return word_start(clause, start, end), end
    return None


# where a thing is done: 「在鹤岗市政务服务中心三楼多功能厅进行」, 「到户籍所在乡镇（街道）劳动保障服务站报名」
# 在 and the place after it; 向 and the office a thing is handed to (「向户籍所在地街道办事处提出申请」)
LOCATIVE_LEAD = (
    r"(?:在|到|至|前往|赴|向)((?:[^，。；：、在到向]|所在){3,30}?)"  # (「户籍所在地」 is one place)
)
SET_AT = r"(?:设|位|坐落|建)[在于]"  # where a thing is set up or stands
# 「测试点设在县体育中心综合馆一楼」
SET_AT_PLACE = re.compile(SET_AT + r"([^，。；：、]{2,30}?)(?=[，。；！？,;]|$)")
LOCATIVE = re.compile(
    LOCATIVE_LEAD
    + r"(?:进行|举行|举办|召开|办理|报名|集合|签到|领取|受理|提交|提出申请|递交|申报|现场|考试|参考|应考|上课|培训|体检|接种|就诊)"
)


def inside_word(text: str, at: int) -> bool:
    """`at` falls inside a word of the tagger's dictionary (「在线」 of 「学生在线服务系统」): what starts there is no
    name of its own. A word the tagger only guessed (「以花桥」) may join a preposition to a name."""
    end = 0
    for word in default_words(text):
        start, end = end, end + len(word)
        if start < at < end:
            return known_word(word)
        if end >= at:
            return False
    return False


def locative(clause: str, question: str) -> tuple[int, int] | None:
    """The place a clause says a thing is done at (`LOCATIVE`, or before the verb the question asks where of:
    「去哪儿评」 meets 「在县精神卫生中心集中评定」) or set up at (「设在…综合馆一楼」), when the question does not
    name it."""
    done = VERB_ASKED.search(question)
    said = [LOCATIVE.finditer(clause), SET_AT_PLACE.finditer(clause)]
    if done:
        said.append(re.finditer(LOCATIVE_LEAD + rf"[\u4e00-\u9fff]{{0,2}}{re.escape(done.group(1))}", clause))
    for m in (m for found in said for m in found):
        if inside_word(clause, m.start(1)) or (m.re is SET_AT_PLACE and inside_word(clause, m.start())):
            continue  # 「在线服务系统提交」: the 在 of 在线 says no place, nor the 位在 of 「岗位在岗」
        if m.group(1) not in question and not re.match(r"[\d一二三四五六七八九十]", m.group(1)):
            return m.span(1)
    return None


# the verb a where-question asks of (「去哪儿评」: 评, 「在哪里交」: 交)
VERB_ASKED = re.compile(r"(?:哪儿|哪里|哪|什么地方)([\u4e00-\u9fff]{1,2})(?![\u4e00-\u9fff])")


BREAK = re.compile(r"$|[，。；：、！？]")
WH = re.compile(r"哪(?:一|几)?(?:个|家|条|座|所|项|种|类|位|些|次|届)?|什么样的?|什么|怎样的|何种|何|啥|谁")


CLAUSE_END = r"(?=[，。；：！？,;]|$)"


CLAUSE_START = r"(?:^|(?<=[，。；：“”]))"


def template(question: str, clause: str) -> tuple[int, int] | None:
    """The answer where the question's wh-word stands, between the words around it: 「以哪个地方为主体」
    finds 花桥 in 「以花桥为主体」, 「哪家企业入选了」 finds 波司登 in 「波司登入选」. The wh-phrase may
    end in a class noun the report leaves out (地方, 企业), so each end is tried, and the left side
    may be two characters, one, or the start of the clause."""
    wh = WH.search(question)
    if not wh:
        return None
    before = question[max(0, wh.start() - 2) : wh.start()]
    lefts = [
        re.escape(before[-n:])
        for n in (2, 1)
        if len(before) >= n and re.fullmatch(r"[\u4e00-\u9fff]+", before[-n:])
    ]
    rest = question[wh.end() :]
    for cut in range(0, 5):
        right = rest[cut : cut + 2]
        if not re.fullmatch(r"[\u4e00-\u9fff]{2}", right):
            continue
        for left in [*lefts, CLAUSE_START]:
            # the answer starts a word: 「在哪个系统提交」 is not met by the 在 of 「学生在线服务系统提交」
            m = re.search(left + r"([^，。；：]{2,12}?)" + re.escape(right), clause)
            m = None if m and inside_word(clause, m.start(1)) else m
            # the wh-word's own noun ends the phrase: the name keeps it (阳澄湖科学城，); 谁 has none
            if m and cut == 0 and wh.group() != "谁":
                after = clause[m.end(1) :]
                noun = (
                    rest[:k]
                    for k in (4, 3, 2)
                    if after.startswith(rest[:k])
                    and (
                        BREAK.match(after, k)
                        or (_which_noun(wh.group(), rest, k, before) and m.end(1) + k in word_ends(clause))
                    )
                    and nounish(rest[:k], verbal=True)
                )  # 「以什么为食」: 为食 is no noun of the name; 「哪个大学毕业」 meets 「于香港大学地理系毕业」
                end = m.end(1) + len(next(noun, ""))
                # no word of the question opens the name: the clause's own lead words are no part of it
                return without_lead(clause, m.start(1), end) if left == CLAUSE_START else (m.start(1), end)
            if m:  # 「哪家企业拿了…奖」 meets 「龙腾特钢获…奖」: the verb is not the name
                verb = re.search(r"(?:荣获|获得|获|入选|成为|被评为|拿下)$", m.group(1))
                return m.start(1), m.end(1) - (len(verb.group()) if verb and verb.start() >= 2 else 0)
    if re.fullmatch(r"[\u4e00-\u9fff]{0,4}[？?。！!]*", rest):
        return _after_lead(question[: wh.start()], clause)
    return None


BY_MEANS = ("以", "由", "靠", "凭", "用", "按", "通过")  # 「以什么模式」: the way asked is a kind of 模式


def _which_noun(wh: str, rest: str, k: int, before: str = "") -> bool:
    """The question's first k characters after its wh-word are the noun it asks for, whole: 「哪个大学」,
    「什么王国的」, 「以什么模式移交」 (not 「什么创业」 of 「什么创业首选城市品牌」)."""
    return wh.startswith("哪") or rest[k : k + 1] == "的" or before.endswith(BY_MEANS)


def on_words(clause: str, start: int, end: int) -> tuple[int, int]:
    """The span widened to the end of the tagger's word it ends inside (「为世」 of 「为世界第一」 -> 为世界,
    「东北新」 of 「东北新干线」). Its start stays: the words there are the question's, a word the tagger
    joins to the name's first characters (「为北帕…」) is no part of it."""
    ends = word_ends(clause)
    while end < len(clause) and end not in ends:
        end += 1
    return start, end


def word_start(clause: str, start: int, end: int) -> int:
    """The start of a span that begins inside a word the default tagger ends where the span ends: the whole word
    (「水镇」 cut from 「陡水镇」 by another tagger is 陡水镇)."""
    at = 0
    for word in default_words(clause):
        if at < start < at + len(word) and at + len(word) == end:
            return at
        at += len(word)
        if at > start:
            break
    return start


LEADING = ("p", "c", "d", "u", "y", "t")  # words that never start a name: 于, 及后, 曾, 早年 (其他 may)


def without_lead(clause: str, start: int, end: int) -> tuple[int, int]:
    """The span without the function words the tagger finds at its start (「及后于香港大学」 -> 香港大学)."""
    import jieba.posseg

    for word in jieba.posseg.lcut(clause[start:end]):
        if not word.flag.startswith(LEADING) or end - start - len(word.word) < 2:
            break
        start += len(word.word)
    return start, end


# who is in charge asked (「小区里的杨柳絮归谁清理」, 「由谁负责」, 「哪个部门管」) ...
IN_CHARGE_ASKED = re.compile(
    r"归谁|由谁|谁(?:来)?(?:负责|管|清|处理|承担|牵头|组织)|哪个(?:部门|单位|机构)(?:来)?(?:负责|管)"
)
# ... and the body a clause puts in charge (「居民小区内由物业服务企业负责」)
IN_CHARGE = re.compile(
    r"由([\u4e00-\u9fff]{2,14}?)(?:统一|集中|具体|分别|共同)?(?:负责|牵头|承担|组织|实施|办理|受理|清理|管理)"
)


def in_charge(clause: str, question: str) -> tuple[int, int] | None:
    """The body the clause puts in charge, where the question asks who is."""
    if not IN_CHARGE_ASKED.search(question):
        return None
    found = IN_CHARGE.search(clause)
    return found.span(1) if found else None


def after_verb(clause: str, start: int, end: int) -> tuple[int, int]:
    """The span after its first verb with 了/着/过 (「书中记载了平民毕昇」 -> 平民毕昇): a clause's own predicate
    ran up to the one asked about."""
    import jieba.posseg

    words = jieba.posseg.lcut(clause[start:end])
    at = start
    for word, after in pairwise(words):
        at += len(word.word)
        if word.flag.startswith("v") and len(word.word) > 1 and after.word in ("了", "着", "过"):
            cut = at + 1
            return (cut, end) if end - cut >= 2 else (start, end)
    return start, end


def closed(clause: str, start: int, end: int) -> tuple[int, int]:
    """The span without stray punctuation at its start, nor a trailing 、 or a closing bracket it did not
    open (「尼尔逊（Barry Nelson））、」)."""
    while end - start > 1 and clause[start] in "”’」』、，）)":
        start += 1
    while end - start > 1 and (
        clause[end - 1] in "、，"
        or (clause[end - 1] in "）)" and not re.search(r"[（(]", clause[start : end - 1].rsplit("）", 1)[-1]))
    ):
        end -= 1
    return start, end


COPULA = r"(?:是|为|叫做|叫|称作)"
LIGHT = set("有是在的了和与及")  # one of these alone is no context


def _after_lead(lead: str, clause: str) -> tuple[int, int] | None:
    """The wh-phrase ends the question (「…位于什么地方？」, 「…被称为什么」, 「…担任什么职务」, 「…的字是什么」):
    the rest of the clause after the question's last two characters before it — or its last one, unless
    that is a light word — its copula left out on both sides (「担任什么职务」 meets 「…任中共温州市委书记」,
    「简称什么」 meets 「简称：DQ」)."""
    from rag.lexicon import ALIAS_WORDS

    lefts = [ALIAS_WORDS] if re.search(f"(?:{ALIAS_WORDS})之?{COPULA}?$", lead) else []  # 又叫 meets 又名
    lead = re.sub(COPULA + "$", "", lead)
    for n in (2, 1):
        left = lead[-n:]
        if len(left) == n and re.fullmatch(r"[\u4e00-\u9fff]+", left) and (n == 2 or left not in LIGHT):
            lefts.append(re.escape(left))
    if lead.endswith("在"):  # 「服务中心在哪里」 meets 「服务中心设在住院部一楼」
        lefts.append(SET_AT)
    for left in lefts:
        found = re.finditer(
            f"(?:{left})(?:{COPULA}|[：:])?" + r"([^，。；：！？,;]{2,30}?)" + CLAUSE_END, clause
        )
        # after one character of the question's, the rest starts a word: 「放什么电影」 is not met by the 映活动 of
        # 「电影放映活动」 (two characters are evidence enough: 「雄鱼是什么颜色」 meets 「雄鱼体暗橘棕色」, cut 鱼体)
        one = len(left) == 1
        for m in (m for m in found if not (one and inside_word(clause, m.start(1)))):
            end = m.end(1)
            while clause[end - 1] in "）)" and not re.search(r"[（(]", clause[m.start(1) : end]):
                end -= 1  # 「（…简称：DQ）」: the aside's bracket closes, the name does not hold it
            return m.start(1), end
    return None


def gap(
    clause: str, terms: Sequence[str], skip: Sequence[tuple[int, int]] = (), longest: int = 12
) -> tuple[int, int] | None:
    """The longest run of the clause (up to `longest` characters) that none of the question's words (nor
    the `skip` spans) cover: often the name asked."""
    covered = [False] * len(clause)
    for start, end in skip:
        covered[start:end] = [True] * (end - start)
    for term in terms:
        for m in re.finditer(re.escape(term), clause):
            for i in range(m.start(), m.end()):
                covered[i] = True
    best: tuple[int, int] | None = None
    i = 0
    while i < len(clause):
        if covered[i] or not re.match(r"[\u4e00-\u9fffA-Za-z0-9]", clause[i]):
            i += 1
            continue
        j = i
        while j < len(clause) and not covered[j] and re.match(r"[\u4e00-\u9fffA-Za-z0-9]", clause[j]):
            j += 1
        label = clause[j : j + 1] in ("：", ":")  # 「学名：」 names what follows
        if j - i >= 2 and not label and (best is None or j - i > best[1] - best[0]) and j - i <= longest:
            best = (i, j)
        i = j
    return best


NAME_BREAK = "为是由：:，,、 \u3000\n（("  # what may stand right before a person's name
NAME_DOT = re.compile(r"[\u4e00-\u9fff]{0,2}[·•‧・]")  # 约翰·海克特·麦克阿瑟: a transliterated name's parts
PARTICLES = ("u", "p", "c", "r", "y", "d")  # words that never end a name
NAME_PARTS = ("nr", "nrt", "nrfg", "ns", "nz", "ng", "j")


def whole_name(clause: str, span: tuple[int, int]) -> tuple[int, int]:
    """A tagged name widened over the parts a middle dot joins (「马克·拉瓦卢马纳纳总统」 -> 马克·拉瓦卢马纳纳):
    after each dot the next word, and the words after it the tagger takes for names."""
    import jieba.posseg

    start, end = span
    while start > 1 and clause[start - 1] in "·•‧・":  # 「基斯·吉芬」: the part before the dot too
        words = jieba.posseg.lcut(clause[: start - 1])
        if not words or not re.fullmatch(r"[\u4e00-\u9fff]{1,4}", words[-1].word):
            break
        start -= len(words[-1].word) + 1
    before = clause[start - 2 : start - 1] if start >= 2 else "\n"  # a line's start is a break too
    if end - start == 2 and start >= 1 and clause[start - 1] in SURNAMES and before in NAME_BREAK:
        # a surname the tagger read as a word of its own: 「领队为/向/东升」 is 向东升
        words = jieba.posseg.lcut(clause[max(0, start - 4) : start])
        if words and len(words[-1].word) == 1:
            start -= 1
    if end - start == 1:  # a surname the tagger cut from its given name: 「宋/nr 建成/v」, 「肃/nr 宗/q」
        words = jieba.posseg.lcut(clause[end:])
        if (
            words
            and re.fullmatch(r"[\u4e00-\u9fff]{1,2}", words[0].word)
            and not words[0].flag.startswith(PARTICLES)
        ):
            end += len(words[0].word)
    while m := NAME_DOT.match(clause, end):
        end = m.end()
        words = jieba.posseg.lcut(clause[end:])
        if not words or not re.match(r"[\u4e00-\u9fffA-Za-z]", words[0].word):
            return start, m.end() - 1  # a dot that joins nothing ends the name
        end += len(words[0].word)
        for w in words[1:]:
            if not (w.flag.startswith(NAME_PARTS) or (len(w.word) == 1 and w.flag in ("n", "ng", "nr"))):
                break
            end += len(w.word)
    return start, end


def chosen(clause: str, options: Sequence[str]) -> tuple[int, int] | None:
    """Which of the options offered (「约束性指标还是预期性指标」) the clause names: the one, not both."""
    for pair, whole in ((options[:2], options[:2]), (options[2:4], options[:2])):
        found = [i for i, option in enumerate(pair) if option in clause]
        if len(found) == 1:
            option, offered = pair[found[0]], whole[found[0]]
            at = clause.find(option)
            end, more = at + len(option), offered.find(option) + len(option)
            while more < len(offered) and clause[end : end + 1] == offered[more]:  # 约束 -> 约束性
                end, more = end + 1, more + 1
            return at, end
    return None


JOINER = re.compile(r"、|和|及|与|以及|、以及")


def joined(clause: str, runs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Runs that 、/和/及 join into one: 「潘志文、张玛莉、林嘉华等领衔主演」 names three people."""
    out: list[tuple[int, int]] = []
    for start, end in runs:
        if out and JOINER.fullmatch(clause[out[-1][1] : start]):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


# the tagger's tags of nouns that go on a place's name to name a spot in it (「博白县/体育/中心/广场」)
SPOT_NOUNS = frozenset({"n", "nz", "ns", "nt", "nl", "ng", "s"})


HOUSE_NUMBER = re.compile(r"\d{1,5}号")


def spot_of(clause: str, place: tuple[int, int]) -> tuple[int, int]:
    """A place the tagger names with the nouns right after it, which name the spot there (「博白县体育中心广场」
    for 「设在哪里」, not 博白县): up to a word that is no noun."""
    import jieba.posseg

    end = place[1]
    words = jieba.posseg.lcut(clause[end:])
    for (word, flag), after in pairwise([*words, None]):  # (none when the place ends the clause)
        # a character the tagger leaves alone between nouns is part of the name (「荷兰/园/大马路」)
        joins = (
            len(word) == 1 and flag.startswith(("z", "n")) and after is not None and after.flag in SPOT_NOUNS
        )
        if flag not in SPOT_NOUNS and not joins:
            break
        end += len(word)
    number = HOUSE_NUMBER.match(clause, end)
    if number and clause[:end].endswith(("路", "道", "街", "巷", "弄")):
        end = number.end()  # 「凤阳大道106号」: the road's number is the spot's
    return (_town_before(clause, place[0]), end)


def _town_before(clause: str, start: int) -> int:
    """Where the town right before a place starts (「协格尔镇珠峰路26号」: the road is the town's), else `start`."""
    from rag.places import town_names

    before = clause[:start]
    names = [name for names in town_names(before[-8:]) for name in names if before.endswith(name)]
    return start - len(names[0]) if names else start


PEOPLE_OF = re.compile(r"公民|籍|居民|同胞|人士|人(?![民大])")


def tagged(clause: str, tags: Sequence[str], question: str) -> list[tuple[int, int]]:
    """Runs of words the part-of-speech tagger marks with one of `tags` (ns place, nr person, nt
    organisation), that the question does not already say: 「晋国」 for 「攻击哪国」."""
    import jieba.posseg

    out: list[tuple[int, int]] = []
    pos = 0
    run: tuple[int, int] | None = None
    for word, flag in jieba.posseg.lcut(clause):
        start, pos = pos, pos + len(word)
        # 「两张黄牌」: after a numeral, 张 is a measure word, not a surname (the tagger reads 张黄牌 as a name)
        counted = flag.startswith("nr") and start > 0 and clause[start - 1] in DIGITS_AND_NUMERALS
        # 「新建商品房」: the tagger's place is a county's short name that is an everyday word (rag.places)
        # (and 「之日起」, which the tagger's dictionary holds as a place, says from when)
        everyday = flag == "ns" and (everyday_word(word) or word.startswith("之"))
        # 「户籍在兴庆区的中国公民」: a country or place before its people (公民, 人, 籍) names who, not where
        people = flag == "ns" and bool(PEOPLE_OF.match(clause, pos))
        if flag in tags and word not in question and not counted and not everyday and not people:
            run = (run[0], pos) if run and run[1] == start else (start, pos)
            if out and out[-1][0] == run[0]:
                out[-1] = run
            else:
                out.append(run)
    return out


def top_asked(question: str) -> bool:
    """The question asks which is first or the most (最多, 最高, 最大)."""
    asked = MOST.search(question)
    return bool((asked and asked.group(1) in "多高大") or FIRST_ASKED.search(question))


FIRST_PLACE = re.compile(
    r"(?:居|位居|位列|排名?|名列)(?:全[国省市州县区]|各[\u4e00-\u9fff]{1,4})?(?:首位|第一|之首)"
)


# a town, a township, a village or a street asked (「哪个镇」): the gazetteer knows no division below a county
TOWN_ASKED = re.compile(r"哪一?个?(镇|乡|村|街道|社区)")


def town(clause: str, question: str) -> tuple[int, int] | None:
    """The first town (village, street…) of the class the question asks (「哪个镇」) that the clause names
    after its county or district (「安化县江南镇站」: 江南镇), or opening it — not one the question names; before
    these, one the question's words follow (「营前镇县域副中心」 for 「县域副中心是哪个镇」)."""
    asked = TOWN_ASKED.search(question)
    if not asked:
        return None
    kind = asked.group(1)
    found = [
        m.span("name")
        for m in re.finditer(
            rf"(?:(?<=[省市县区旗州在])|^(?:其中|位于|在|于|到)*)(?P<name>[\u4e00-\u9fff]{{1,4}}?{kind})",
            clause,
        )
        if (
            m.group("name") not in question
            and len(m.group("name")) > len(kind)
            and clause[m.end("name") : m.end("name") + 1] not in ("乡", "镇")  # 「按乡镇分」 names no 按乡
            and not m.group("name").endswith(("乡镇", "镇乡"))  # nor 按乡镇: the class of towns
            and m.group("name")[-len(kind) - 1] not in NOT_A_TOWN  # nor 「在全镇」: every town
        )
    ]
    # 「“两心”即营前镇县域副中心和陡水镇生态旅游中心」 for 「县域副中心是哪个镇」: the town the question's words follow
    said_of = [
        (start, end)
        for start, end in _words_ending(clause, kind)
        if clause[start:end] not in question
        and clause[end - len(kind) - 1 : end - len(kind)] not in NOT_A_TOWN
        and clause[end : end + 2] in question
        and len(clause[end : end + 2]) == 2
    ]
    return said_of[0] if said_of else found[0] if found else None


def defined(clause: str, term: str) -> tuple[int, int] | None:
    """What the clause says a term asked about (`Query.term`) means (「“两区”即武强经济开发区和周窝音乐小镇文旅融合发展区」
    for 两区): the words after 即, 是指 or 指, to the clause's end."""
    said = re.search(  # (「同构（）指的是…」: an aside may stand between)
        rf"[“\"「]?{re.escape(term)}[”\"」]?(?:[（(][^）)]*[）)])?[，,]?(?:即|是指|指的是|指)(?P<what>[^，,；;。]+)",
        clause,
    )
    return said.span("what") if said else None


FUNCTION_CHARS = (
    "在到于至和与及的将从向对把被为是由经等共各每该本其赴往原新旧"  # one-character words before a name
)


def _words_ending(clause: str, kind: str) -> list[tuple[int, int]]:
    """The default tagger's words that end as `kind` does (「陡水镇」) with a lone rare character before them, or
    are it after a word of two or more characters (「营前/镇」)."""
    out, at, before = [], 0, ""
    for word in default_words(clause):
        start, at = at, at + len(word)
        if word.endswith(kind) and len(word) > len(kind) and word not in ("乡镇", "城镇"):
            # a rare character the tagger leaves alone before it is the name's first (「在/溱/东镇」: 溱东镇)
            lone = (
                len(before) == 1 and re.fullmatch(r"[\u4e00-\u9fff]", before) and before not in FUNCTION_CHARS
            )
            out.append((start - 1 if lone else start, at))
        elif word == kind and len(before) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", before):
            out.append((start - len(before), at))
        before = word
    return out


def superlative(clause: str, question: str) -> tuple[int, int] | None:
    """What the clause says is the most of what the question asks the most of: 「最多的是制造业」, or the
    subject that opens 「孝南区受理量居全市首位」 (for 最多/最高/最大, where the first place is the top)."""
    import jieba.posseg

    asked = MOST.search(question)
    if asked:
        said = re.search(rf"最{asked.group(1)}的(?:是|为|要数|属)", clause)
        if said:
            m = re.match(r"[^，。；、：（(]{2,20}", clause[said.end() :])
            return (said.end(), said.end() + len(m.group())) if m else None
        # 「其中以北港镇12位最多」: what 以 names, before its figure
        said = re.search(
            rf"(?<![可所难加予得足])以([^\d，。；、：（(]{{2,12}}?)(?:[\d,.]+[^\d，。；、：（(最]{{0,3}})?最{asked.group(1)}",
            clause,
        )
        if said:
            return said.span(1)
    first = FIRST_PLACE.search(clause)
    if not top_asked(question) or not first:
        return None
    # the nouns that open the part before it, none of them the question's own: 「孝南区受理量居全市首位」, or
    # the clause before when it opens its own (「其中介休市22.65亿元，居全市首位」)
    before = clause[: first.start()]
    if not before.strip("，,；; "):
        return None
    cut = max(before.rstrip("，,；; ").rfind(c) for c in "，,；;") + 1
    start = end = cut + (2 if before.startswith("其中", cut) else 0)
    named = False  # a word the question does not say: 「溧阳高新区」 of 「溧阳哪个板块」 names more than 溧阳
    for word in jieba.posseg.lcut(clause[start : first.start()]):
        placed = len(word.word) >= 3 and word.word[-1] in "市县区镇乡旗"  # 介休市, tagged a verb
        if not (word.flag.startswith("n") or placed) or (word.word in question and named):
            break
        named = named or word.word not in question
        end += len(word.word)
    return (start, end) if named and end - start >= 2 else None


def top_of_list(clause: str, question: str) -> tuple[int, int] | None:
    """The named item with the largest or smallest figure, as the question asks (最多, 最少…), of a list that
    names each item before its figure in one unit (「其中东区812座、北区655座、香山区395座」: 东区 is 最多);
    names end as the head noun asked."""
    asked = MOST.search(question)
    if not asked or asked.group(1) not in "多高大少低小快慢":
        return None
    most = asked.group(1) in "多高大快"
    parts = [(m, _items_of_part(m.group(), question)) for m in re.finditer(r"[^，；：,;。]+", clause)]
    for part, items in parts:
        top = _extreme_item(items or [], most)
        if top:
            return (part.start() + top[0], part.start() + top[1])
    # 「寺河乡5个，朱阳镇、五亩乡各4个，苏村乡…各3个」: a list of the class asked whose items run over the parts
    top = _top_of_parts(parts, most) if find_head(question) else None
    if top:
        return top
    # 「哪一类降得最多」: the largest fall is the lowest figure counted below zero
    fell = bool(re.search(r"降|跌|减", question))
    grown = bool(GROWTH_ASKED.search(question))  # 「哪一项涨得最快」: each item's growth, a fall below zero
    return (
        _top_of_respective(clause, most != fell)
        or _top_of_clauses(clause, question, most)
        or _top_of_run(clause, question, most != fell if grown else most, grown)
    )


# 「1.容州镇城东市场13台；」, 「（一）车籍登记在本县的小型客车；」: an item of a numbered list, one a line; 其余/合计
# items sum up the others
NUMBERED_ITEM = re.compile(
    r"[ \t　]*(?:\d{1,2}[.．、]|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[)）])[ \t　]*"
)
SUM_ITEM = re.compile(r"其余|其他|其它|另有|合计|共计|总计|小计")


def top_of_numbered(text: str, at: int, question: str) -> tuple[int, int] | None:
    """`top_of_list` of a numbered list written one item a line (「1.容州镇城东市场13台；2.杨梅镇圩市9台；…」):
    where the item with the extreme figure asked is named, in `text`; None when the line at `at` is no item
    of such a list or the list has no extreme in one unit."""
    from rag.indicators.numbers import parse_quantity

    asked = MOST.search(question)
    if not asked or asked.group(1) not in "多高大少低小快慢":
        return None
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    here = next((i for i, (start, line) in enumerate(lines) if start <= at <= start + len(line)), None)
    if here is None or not NUMBERED_ITEM.match(lines[here][1]):
        return None
    first = here
    while first > 0 and NUMBERED_ITEM.match(lines[first - 1][1]):
        first -= 1
    items: list[tuple[float, str, tuple[int, int]]] = []
    for _, end, number in numbered_lines(text, lines[first][0]):
        body = text[number.end() : end]
        figures = quantities(body)
        if SUM_ITEM.match(body) or not figures:
            continue
        parsed = parse_quantity(body[figures[0][0] : figures[0][1]])
        name_end = figures[0][0]
        if parsed is None or name_end < 2 or re.search(r"[，,；;：:。]", body[:name_end]):
            continue  # an item that names no thing before its figure
        items.append((float(parsed[0]), figures[0][2], (number.end(), number.end() + name_end)))
    return _extreme_item(items, asked.group(1) in "多高大快") if len(items) >= 3 else None


def numbered_lines(text: str, start: int) -> Iterator[tuple[int, int, re.Match[str]]]:
    """The lines of `text` from `start` (where a line starts) on while each numbers an item: each line's start, its
    end and the match of its number (offsets in `text`)."""
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        number = NUMBERED_ITEM.match(text, start, end)
        if not number:
            return
        yield start, end, number
        start = end + 1


# 「A、B和C价格分别上涨8.6%、1.1%和0.7%」: the things named before 分别, their figures after it, in order
RESPECTIVE = re.compile(r"分别(?:比上年|同比)?(?:上涨|增长|增加|提高|下降|减少|降低|为|是|达到|达)?")
# what a list of things names after its last item (「生活用品及服务价格」): the measure, not the item
MEASURED_AFTER = re.compile(r"(?:的)?(?:价格|产量|产值|增加值|收入|面积|人数|数量|规模)$")


def _top_of_respective(clause: str, most: bool) -> tuple[int, int] | None:
    """`top_of_list` of lists written 「A、B和C分别…X、Y和Z」 (each part of the clause one such list; a fall below
    zero): the item named in the place of the extreme figure."""
    from rag.indicators.numbers import parse_quantity

    items: list[tuple[float, str, tuple[int, int]]] = []
    for part in re.finditer(r"[^；;。]+", clause):
        said = RESPECTIVE.search(part.group())
        if not said:
            continue
        before = part.group()[: said.start()]
        lead = max(before.rfind(c) for c in "，,：:") + 1
        lead += 2 if before.startswith("其中", lead) else 0
        names = [m.span() for m in re.finditer(r"[^、]+", before[lead:])]
        figures = quantities(part.group()[said.end() :])
        last = before[lead:][names[-1][0] : names[-1][1]] if names else ""
        if len(figures) == len(names) + 1 and "和" in last:  # 「…、医疗保健和生活用品价格」: two items
            a, b = names.pop()
            names += [(a, a + last.rindex("和")), (a + last.rindex("和") + 1, b)]
        if len(names) < 2 or len(names) != len(figures):
            return None
        first = before[lead + names[0][0] : lead + names[0][1]]
        names[0] = (names[0][0] + _name_start(first), names[0][1])  # 「全年粮食」: 粮食
        sign = -1.0 if FALL_SAID.search(said.group()) else 1.0
        for (a, b), (s, e, unit) in zip(names, figures, strict=True):
            parsed = parse_quantity(part.group()[said.end() + s : said.end() + e])
            if parsed is None:
                return None
            name = before[lead + a : lead + b]
            b -= len(m.group()) if (m := MEASURED_AFTER.search(name)) else 0
            at = part.start() + lead
            items.append((sign * float(parsed[0]), unit, (at + a, at + b)))
    return _extreme_item(items, most)


def _extreme_item(items: Sequence[tuple[T, str, tuple[int, int]]], most: bool) -> tuple[int, int] | None:
    """Where the item with the extreme figure is named, of a list's items (figure, unit, where named): two or
    more, in one unit; else None."""
    if len(items) < 2 or len({unit for _, unit, _ in items}) > 1:
        return None
    return the_extreme([(value, name) for value, _, name in items], most)


FALL_SAID = re.compile(r"下降|减少|降低|回落|下滑")


def _name_start(text: str) -> int:
    """Where the name that ends `text` starts: back to the verb, preposition, pronoun or number before it
    (「申请人数以中坜区」: 中坜区; 「电力、热力生产和供应业」 whole)."""
    import jieba.posseg

    start = len(text)
    for word in reversed(jieba.posseg.lcut(text)):
        if word.flag in NOT_IN_A_NAME or (word.flag in {"x", "c"} and word.word not in "、和与及"):
            break
        start -= len(word.word)
    return start


# the tagger's tags of words a name of a thing does not hold: verbs, prepositions, adverbs, pronouns, numbers,
# particles, time words (「全年粮食」: 粮食); a verbal noun may (生产 of 「热力生产和供应业」)
NOT_IN_A_NAME = frozenset(
    {"v", "vd", "vg", "vi", "p", "d", "ad", "r", "m", "q", "uj", "ul", "uz", "ud", "ug", "uv", "y", "f", "t"}
)


def _top_of_clauses(clause: str, question: str, most: bool) -> tuple[int, int] | None:
    """`top_of_list` of a list whose items are clauses, each opening with a name of the class asked
    (「农副食品加工业增加值增长15.2%，电力、热力生产和供应业增长9.6%，非金属矿物制品业下降6.3%」: 哪个行业 增长最快 is
    农副食品加工业); a fall counts below zero. None unless every clause with a figure names its item."""
    from rag.indicators.numbers import parse_quantity

    head = find_head(question)
    if not head:
        return None
    items = []
    for part in re.finditer(r"[^，；,;。]+", clause):
        found = quantities(part.group())
        if not found:
            continue
        if len(found) > 1:
            return None  # a clause of several figures is no item of such a list
        s, e, unit = found[0]
        end = part.group().find(head[-1], 0, s) + 1
        parsed = parse_quantity(part.group()[s:e])
        if end < 2 or parsed is None or re.search(r"\d", part.group()[:end]):
            return None
        start = _name_start(part.group()[:end])
        if end - start < 2:  # the tagger left no name (「教育支出」: 支出 read as a verb)
            return None
        sign = -1.0 if FALL_SAID.search(part.group()[end:s]) else 1.0
        items.append((sign * float(parsed[0]), unit, (part.start() + start, part.start() + end)))
    return _extreme_item(items, most)


# what an item's clause says between its name and its figure (「教育支出为6.83亿元」, 「共计」); a label before the list
# (「主要支出项目：」) is cut at its colon
SAID_BEFORE_FIGURE = re.compile(r"(?:为|是|达到?|约|共计?|实现|完成)+$")
GROWN_BEFORE_FIGURE = re.compile(r"(?:比上年|同比)?(?:增长|增加|提高|上涨|下降|减少|降低|回落|下滑)$")


def _top_of_run(clause: str, question: str, most: bool, grown: bool = False) -> tuple[int, int] | None:
    """`top_of_list` of a run of clauses that each name an item and give its one figure, the names ending in one
    word the question says (「教育支出6.83亿元，社会保障和就业支出7.42亿元，卫生健康支出3.96亿元」: 哪一项支出最多 is
    社会保障和就业支出; 「其中水力发电量164.8亿千瓦时，光伏发电量21.9亿千瓦时」: 发电最多 is 水力发电量). A run starts
    again at 其中, and a first item as large as the rest together is their sum, not one of them. `grown`: a growth is
    asked, each item's growth after its name (「教育支出增长4.2%，…城乡社区支出下降15.4%」)."""
    from rag.indicators.numbers import parse_quantity

    said_before = GROWN_BEFORE_FIGURE if grown else SAID_BEFORE_FIGURE
    runs: list[list[tuple[float, str, tuple[int, int]]]] = [[]]
    for part in re.finditer(r"[^，；,;。]+", clause):
        text, found = part.group(), quantities(part.group())
        if len(found) != 1 or text.lstrip().startswith("其中"):
            runs.append([])
        if len(found) != 1:
            continue
        s, e, unit = found[0]
        before = said_before.sub("", text[:s])
        start = max(before.rfind(c) for c in "：:") + 1
        start += len(before[start:]) - len(before[start:].lstrip().removeprefix("其中"))
        parsed = parse_quantity(text[s:e])
        if parsed is None or len(before) - start < 2:
            runs[-1] = []  # an item without a name: no such list
            continue
        sign = -1.0 if FALL_SAID.search(text[len(before) : s]) else 1.0
        runs[-1].append((sign * float(parsed[0]), unit, (part.start() + start, part.start() + len(before))))
    for items in runs:
        said = [clause[a:b] for _, _, (a, b) in items]  # the items' names
        common = _common_ending(said)
        word = common.rstrip("量额数")
        if len(items) < 2 or len(word) < 2 or word not in question or any(n == common for n in said):
            continue
        if len(items) >= 3 and items[0][0] >= 0.98 * sum(v for v, _, _ in items[1:]):
            items = items[1:]  # 「全县发电量186亿千瓦时，水电…，光伏…」 without 其中: the first is their sum
        top = _extreme_item(items, most)
        if top:
            return top
    return None


def _common_ending(words: Sequence[str]) -> str:
    """The characters every word ends with (「教育支出」, 「卫生健康支出」: 支出)."""
    same = takewhile(lambda chars: len(set(chars)) == 1, zip(*(reversed(w) for w in words), strict=False))
    return "".join(chars[0] for chars in same)[::-1]


def _top_of_parts(
    parts: Sequence[tuple[re.Match[str], list[Item] | None]], most: bool
) -> tuple[int, int] | None:
    """`top_of_list` of the items of a run of parts that each name theirs (`_items_of_part`; a part without
    a figure, 「按乡镇分」, ends no run, and one opening with 其中 starts one): the first run whose extreme is
    one item."""
    runs: list[list[Item]] = [[]]
    for part, items in parts:
        if items is None or part.group().lstrip().startswith("其中"):
            runs.append([])
        at = part.start()
        runs[-1] += [(value, unit, (at + a, at + b)) for value, unit, (a, b) in items or []]
    for items in runs:
        top = _extreme_item(items, most)
        if top:
            return top
    return None


Item = tuple[Decimal, str, tuple[int, int]]  # a list's item: its figure, the figure's unit, where it is named


def _items_of_part(part: str, question: str) -> list[Item] | None:
    """The items one part of a clause names with their figures: every figure of it named (None when one is
    not; [] when it has none). The names listed before 各 share its figure (「朱阳镇、五亩乡各4个」)."""
    import jieba.posseg

    from rag.indicators.numbers import parse_quantity

    head, items = find_head(question), []
    # 「哪个县区」 asks a county-level place, a 县, 区 or 市; the place the question is about may open an item's
    # name (「文山市」 in 文山)
    ends: tuple[str, ...] = ()
    if head:
        ends = tuple(DIVISION_ENDS) if all(c in DIVISION_ENDS for c in head) else (head[-1],)
    asked = without_places(question)
    for s, e, unit in quantities(part):
        start = part.rfind("、", 0, s) + 1
        # 「小街乡和浦贝彝族乡各1起」: each of the two; 「关累镇（612起）」: the figure in brackets after the name
        named = s - 1 if part[s - 1 : s] in ("各", "（", "(") else s
        name_end = start
        for word in jieba.posseg.lcut(part[start:named]):
            name_end += len(word.word)
            # the nouns right before the figure name its item; a word the question says is what is measured, not
            # the item's name, unless it is the noun asked (「哪个浴场」: 东戴河浴场)
            said = len(word.word) > 1 and word.word in asked and not (head and word.word.endswith(head))
            # a word the tagger guessed is a name's (「关累/镇」, tagged verbs), as is a division's word ending it
            named_so = not known_word(word.word) or (word.word in DIVISION_ENDS and name_end == named)
            # a numeral opens a place's name the tagger read as a count (「五亩/乡」, 「三/盛玉镇」)
            numbered = (
                word.flag == "m" and word.word[0] in CN_NUMERAL_CHARS and part[named - 1] in DIVISION_ENDS
            )
            if not (word.flag.startswith("n") or named_so or numbered) or said:
                start = name_end
        parsed = parse_quantity(part[s:e])
        if named - start < 2 or parsed is None or (ends and not part[start:named].endswith(ends)):
            return None
        items.append((parsed[0], unit, (start, named)))
        if part[named : named + 1] == "各":
            items += _listed_before(part, start, ends, parsed[0], unit)
    return items


def _listed_before(part: str, start: int, ends: tuple[str, ...], value: Decimal, unit: str) -> list[Item]:
    """The names listed with 、 right before the one at `start`, which share its figure (「朱阳镇、五亩乡各4个」:
    朱阳镇); each of the class asked (`ends`), none holding a figure."""
    out: list[Item] = []
    while start >= 1 and part[start - 1] == "、":
        begin = part.rfind("、", 0, start - 1) + 1
        name = part[begin : start - 1]
        if len(name) < 2 or re.search(r"\d", name) or (ends and not name.endswith(ends)):
            break
        out.append((value, unit, (begin, start - 1)))
        start = begin
    return out


DIVISION_ENDS = "省市县区镇乡村旗州盟"


@lru_cache(maxsize=256)
def without_places(question: str) -> str:
    """The question without the places the gazetteer finds in it: what else it says."""
    from rag.places import find_places, names_of

    for place in find_places(question):
        for name in sorted(names_of(place), key=len, reverse=True):
            question = question.replace(name, " ")
    return question


def the_extreme(items: Sequence[tuple[T, Named]], most: bool) -> Named | None:
    """What goes with the largest value (`most`) or the smallest, when no other item ties it; else None."""
    values = [value for value, _ in items]
    if not values:
        return None
    top = max(values) if most else min(values)
    return items[values.index(top)][1] if values.count(top) == 1 else None


def not_names(clause: str, runs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The tagger's person names less those that are not: a place's name (「湖南洪江高庙遗址」: 洪江) and words
    inside quotes or a title's brackets (「“周调度、月通报”」, 「《擦亮“咸宁温泉”品牌…》」)."""
    from rag.places import find_place, names_of

    out = []
    for start, end in runs:
        text, place = clause[start:end], find_place(clause[start:end])
        if place and text in names_of(place):
            continue
        if any(clause.count(a, 0, start) > clause.count(b, 0, start) for a, b in ("“”", "《》", "「」")):
            continue
        out.append((start, end))
    return out


def place_in(clause: str, span: tuple[int, int], question: str) -> tuple[int, int]:
    """The place name inside the words where 「哪个国家」 stands, when the tagger finds one there: from it on,
    with the nouns that follow it (「一位葡萄牙F1」 -> 葡萄牙); without one, or with several (a list of places),
    the span as it is."""
    import jieba.posseg

    start, end = span
    found = joined(clause, [(a, b) for a, b in tagged(clause, ("ns",), question) if start <= a and b <= end])
    if len(found) != 1:
        return span
    at = found[0][1]
    for word in jieba.posseg.lcut(clause[at:end]):
        if not word.flag.startswith("n") or word.flag.startswith("nr"):
            break
        at += len(word.word)
    return found[0][0], at


ORGANISATION_TAGS = (
    "nt",
    "ns",
    "n",
    "nz",
    "j",
    "nrt",
    "vn",
    "l",  # 「自然资源」
)  # words that can stand inside an organisation's name
MAX_ORGANISATION = 24
# bodies the tagger cuts from the words that say whose they are (「市渔政监督/支队」, 「市环卫/中心」)
# 「县/供电/公司」; an office inside a Taiwan bureau (「保育/研究/课」)
BODY_WORDS = {"支队", "大队", "总队", "中队", "血站", "中心", "局", "公司", "课"}
# a preposition the tagger reads as a noun before a body's name (「经/县政府/同意」, 「由/县/供电/公司」)
LEADING_PREPOSITIONS = frozenset("经由向在据从被对给把")
NOUN_TAGS = (
    "n",
    "nz",
    "ns",
    "nt",
    "l",
    "j",
)  # 「县/自然资源/局」, 「县/农业/农村/局」 (after a verbal noun, 局 is 局面 …)
ORGANISATION_END = re.compile(f"(?:{ORGANISATION_ENDINGS})$")  # 「…统计局」, 「…有限公司」: a body's name


def _done_by_body(words: Sequence[tuple[str, str]], at: int) -> bool:
    """words[at] is one of at most two two-character verbs right after a noun: what a body does, inside its
    name after what it is of (「疾病/预防/控制中心」, 「水利工程/运行/维护/中心」)."""
    for back in (0, 1):
        word, tag = words[at - back] if at - back >= 0 else ("", "")
        # (not a negation or a comparison, which says how a figure stands: 「不得/高于/市价格监测中心」)
        if tag != "v" or len(word) != 2 or word.startswith("不") or word.endswith("于"):
            return False
        if at - back > 0 and words[at - back - 1][1] in NOUN_TAGS:
            return True
    return False


def organisations(clause: str, question: str) -> list[tuple[int, int]]:
    """Names of organisations: a word the tagger marks nt, or one ending like a bureau, a committee or a
    company (rag.lexicon.ORGANISATION_ENDINGS), with the place and noun words just before it — 「桂林市统计局」
    — unless the question already says the whole name."""
    import jieba.posseg

    words = [
        part
        for w in jieba.posseg.lcut(clause)
        for part in (
            # a body the tagger guessed one word with what it does: 「社会工作/局转介」
            [(w.word[0], "n"), (w.word[1:], "v")]
            if w.word[0] in BODY_WORDS and len(w.word) > 1 and not known_word(w.word)
            else [(w.word, w.flag)]
        )
    ]
    starts = [0]
    for word, _ in words:
        starts.append(starts[-1] + len(word))
    out: list[tuple[int, int]] = []
    for i, (word, flag) in enumerate(words):
        # 开局 is no bureau; a two-character body word names one after the words that say whose (「市渔政监督/支队」)
        body = len(word) >= 3 or (
            word in BODY_WORDS
            and i > 0
            and (
                words[i - 1][1] in (NOUN_TAGS if word == "局" else ORGANISATION_TAGS)
                or _done_by_body(words, i - 1)  # 「县/水利工程/运行/维护/中心」
            )
        )
        if not (flag == "nt" or (body and ORGANISATION_END.search(word))):
            continue
        first = i
        while first > 0:
            before, tag = words[first - 1]
            joined = first > 1 and words[first - 2][1] in ORGANISATION_TAGS
            if before in "和与" and joined and not ORGANISATION_END.search(words[first - 2][0]):
                step = 2  # 「文化和旅游局」, 「住房和城乡建设局」: one bureau (「统计局和财政局」 are two)
            elif tag in ORGANISATION_TAGS:
                step = 1
            elif _done_by_body(words, first - 1):
                step = 1  # what a body does, inside its name after what it is of: 「区/疾病/预防/控制中心」
            else:
                break
            if starts[i + 1] - starts[first - step] > MAX_ORGANISATION:
                break
            if words[first - step][0] in LEADING_PREPOSITIONS:
                break
            first -= step
        if first < i and len(words[first][0]) == 1 and first > 0 and words[first - 1][1] == "r":
            first += 1  # 「本/处/保育/研究/课」: 本处 is the body speaking of itself, not part of the office's name
        span = (starts[first], starts[i + 1])
        if clause[span[0] : span[1]] not in question:
            if out and out[-1][1] >= span[0]:
                out[-1] = (out[-1][0], span[1])
            else:
                out.append(span)
    return out
