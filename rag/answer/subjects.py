"""Whose figure is it? The question's subject words, and whether a clause states the figure of that
subject or of another one (report sentences enumerate: 「A增长5%，B增长6%」).

Pure functions used by `rag.answer`; clauses are given in canonical form (`rag.answer.candidates.canon`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import pairwise, takewhile

from rag.lexicon import CITY_ALIASES, COUNTERPARTS, DOCUMENT_WORDS, OFFICE
from rag.places import find_place

# Words that say what is measured, not whose figure it is: 「GDP比上年增长」 is about GDP.
MEASURE_WORDS = {
    *("增长", "增速", "增幅", "上年", "总数", "总额", "总量", "数量", "规模", "比重", "占比", "突破", "力争"),
    *("规上", "产值", "收入", "投资", "产业", "企业", "项目"),
    *("安排", "下达", "拨付"),  # a budget's verbs: 「教育上安排了多少」 is about 教育
}


def main_terms(terms: dict[str, float]) -> list[str]:
    """The question's subject words: the heaviest terms that are not measure words (增长, 总额…)."""
    subject = {t: w for t, w in terms.items() if t not in MEASURE_WORDS} or terms
    top = max(subject.values(), default=0.0)
    return [t for t, w in subject.items() if w == top]


# (「占政府采购支出总额的82.71%」: a share of the whole, said of the subject before it)
NOT_A_SUBJECT = re.compile(
    r"占[\u4e00-\u9fff]{0,12}?的(?:比重|比例)?|"
    r"力争|确保|达到|达|实现|完成|突破|超过|超|约|近|提升至|提升到|提高到|提高|提升|增长|净增|新增|累计|共|"
    r"稳居|位居|位列|居|列|排名|排|其中|分别|总数|总量|产量|面积|规模|年内|全年|今年|当年|全[国省市县区镇乡旗州盟]|我市|城市|"
    r"县级|以上|同比|比上年|较上年|和|及|并|等|的|在|为|是|了|"
    r"综合|"  # 「实现综合产值26.8亿元」: the figure's kind, said of the subject before it
    r"增加|减少|下降|降低|上涨|增发|补发|发放|给予|"  # verbs of a change or a payment name no subject
    r"每[人户位名个家年月天日斤吨亩次件]|每(?:公斤|千克|平方米|立方米|小时)|新台币|港币|人民币|澳门元|美元|"  # 「每人新台币2,000元」: whose, per what, in what money
    r"即|也就是|亦即|"  # 「…每50公斤119元，即每斤1.19元」 says the same again
    r"[日月年]均"  # 「总流量约100.8万辆次，日均12.6万辆次」: the same subject, per day
)


def has_own_subject(prefix: str, terms: dict[str, float]) -> bool:
    """True when the clause names its own subject before its figure (「全社会固投630亿元」), False
    when it goes on about the subject of the clause before (「总数达1185家」, 「苏州第二」)."""
    prefix = re.sub(r"[（(][^（(）)]*[）)]", "", prefix)  # 「每天（24小时）220元」: an aside names no subject
    for term in sorted(terms, key=len, reverse=True):
        prefix = prefix.replace(term, "")
    for names in CITY_ALIASES.values():
        for name in names:
            prefix = prefix.replace(name, "")
    rest = NOT_A_SUBJECT.sub("", prefix)
    if len(re.findall(r"[\u4e00-\u9fffa-z]", rest)) < 2:
        return False
    # 「全区种植面积达到4.6万亩」: what is done (种植) is measured, no other thing
    return not _only_verbs(rest)


@lru_cache(maxsize=4096)
def _only_verbs(text: str) -> bool:
    """The tagger reads every word of the text as a plain verb."""
    import jieba.posseg

    words = [w for w in jieba.posseg.lcut(text) if re.search(r"[\u4e00-\u9fff]", w.word)]
    return bool(words) and all(w.flag == "v" for w in words)


# a clause that names whom the next one is of (「考入本科院校的，」), or labels it (「（三）80周岁以上老年人：」)
CONDITION = re.compile(r"的[，,：:]?$|[：:]$")


def subject_of(main: Sequence[str], clauses: Sequence[str], at: int, own: bool) -> tuple[float, int | None]:
    """Whose figure is it? (factor, clause that names the subject). Full when the clause names the
    question's subject; nearly full when it continues the clause before or the sentence opening
    (「新能源产业深耕…，力争规上产值突破800亿元」); low when the clause has a subject of its own and
    another clause names the question's (an enumeration: that clause holds the subject's figure)."""
    if not main or any(t in clauses[at] for t in main):
        return 1.0, None
    owners = [i for i, clause in enumerate(clauses[:at]) if any(t in clause for t in main)]
    if owners and owners[-1] == at - 1 and CONDITION.search(clauses[at - 1]):
        # 「考入本科院校的，每人一次性资助5000元」: the figure of those the clause before names
        return 0.95, at - 1
    if own:
        return (0.35 if owners or any(t in c for c in clauses for t in main) else 0.6), None
    if not owners:  # it goes on about a subject before it; the question's, if named, comes later
        return (0.35 if any(t in c for c in clauses for t in main) else 0.6), None
    if owners[-1] == at - 1:
        return 0.95, at - 1
    if owners[0] == 0 and any(clauses[0].startswith(t) for t in main):
        return 0.9, 0
    return 0.7, owners[-1]


# a numbered grade, batch or class (二等功, 三级, 第二批, 一季度, 2号线): grades of one kind exclude each other
# (两级 counts two levels, it names none; 这一批 points at one, it names none)
ORDINAL = re.compile(
    r"(?<![这那哪每同某上下])([一二三四五六七八九十]|(?<!\d)\d{1,2})(等|级|期|批|档|类|星|号线|季度)"
)
NUMERAL_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九十")}


# a school year (高二, 初一, 三年级): years of one school exclude each other
SCHOOL_YEAR = re.compile(r"(高|初)([一二三])(?![级等中])|([一二三四五六])年级")


def _grades(text: str) -> set[tuple[int, str]]:
    grades = {(NUMERAL_VALUE.get(n) or int(n), kind) for n, kind in ORDINAL.findall(text)}
    for school, year, grade in SCHOOL_YEAR.findall(text):
        grades.add((NUMERAL_VALUE[year or grade], school or "年级"))
    return grades


def counterpart_named(question: str, scope: str) -> bool:
    """True when the clause names another of things that exclude each other and not the one the question
    asks: a side of `COUNTERPARTS` (「城镇居民收入」 asked, 「农村居民人均收入」 stated), another grade of the class
    asked (「一等功」 for 二等功, 「高一」 for 高二), a deputy for the office (「副主任医师」 for 主任医师). Both texts in
    canonical form."""
    for m in re.finditer(rf"(?<!副)(?:{OFFICE}|教授|研究员)", question):  # 「主任医师」 is not 「副主任医师」
        if "副" + m.group() in scope and not re.search(rf"(?<!副){m.group()}", scope):
            return True
    grades_asked, grades_said = _grades(question), _grades(scope)
    for _, kind in grades_asked:
        if not grades_asked & grades_said and any(k == kind for _, k in grades_said):
            return True
    return side_named(question, scope) or code_named(question, scope)


# a code of letters and a number (pm2.5, g312, k5): codes of the same letters name different things
CODE = re.compile(r"(?<![a-z])([a-z]{1,4})(?!(?:19|20)\d\d年)(\d+(?:\.\d+)?)(?![\d.])")


def code_named(question: str, scope: str) -> bool:
    """The text names a code of the letters the question's code has, with another number, and not the question's
    (「pm2.5年均浓度」 for 「pm10」's)."""
    said = set(CODE.findall(scope))
    return any(
        code not in said and any(letters == code[0] for letters, _ in said) for code in CODE.findall(question)
    )


def side_named(question: str, scope: str) -> bool:
    """The text names another side of `COUNTERPARTS` than the one the question asks, and not that one."""
    for sides in COUNTERPARTS:
        asked = [side for side in sides if re.search(side, question)]
        if not asked or any(re.search(side, scope) for side in asked):
            continue
        if any(re.search(side, scope) for side in sides if side not in asked):
            return True
    return False


def sibling_named(question: str, scope: str) -> bool:
    """The clause names what is asked with another kind of it right before (「全年粮食播种面积」 for 「小麦播种面积」,
    「翁子里活动中心…容纳200人」 for 丰田里活动中心's) and not the question's kind: another thing's figure. Only when
    both name a kind, a noun of two or more characters right before the same noun (「工业增加值」 for 「规上工业增加值」
    names none: the clause may leave 规上 to its sentence), and the clause gives one figure (「城乡居民…7.1万元和3.76万元」,
    「存贷款余额分别达到…」 name several kinds at once). Both texts in canonical form."""
    asked_kinds = _kinds(question)
    # only a clause that says a noun the question names a kind of is tagged (the tagger is the cost, per clause)
    if RESPECTIVE.search(scope) or not any(head in scope for head in asked_kinds):
        return False
    said_kinds = _kinds(scope)
    for head, asked in asked_kinds.items():
        said = said_kinds.get(head)
        if said and asked not in scope and said not in question and not said.startswith(WHOLE):
            return True
    return False


USUAL_KINDS = {"成人", "普通", "全价", "标准"}  # the kind a table's row is of when it names none
RESPECTIVE = re.compile(r"分别|\d[^，；。]*[和、及]\d")  # a clause that gives several things' figures at once
WHOLE = ("城乡", "全体", "全部", "所有")  # a kind that holds the others
# words the tagger may call nouns that say when, how much or with what aim, not which kind (「力争/机构入住率」)
NO_KIND = {
    *("力争", "确保", "争取", "其中", "新增", "累计", "计划", "目标", "预计", "合计"),
    *("全年", "今年", "去年", "当年", "年度", "上年", "本年"),
    *("全县", "全市", "全区", "全省", "全国", "全镇", "本县", "本市", "我县", "我市", "我区"),
    "时候",  # 「什么时候申报」 asks when; 时候 is no kind of 申报
}
DOCUMENT = re.compile(DOCUMENT_WORDS)
KIND_TAGS = ("n", "nz", "nr", "ng", "nt", "l")  # the tagger's nouns that may name a kind (not ns, a place)
# the tagger may glue the measure word after these to the next noun (「多少/家规/上企业」)
COUNT_ASKED = {"多少", "几"}
MEASURE_CHARS = "家个名户所座只条项位次件台辆部间张本"


@lru_cache(maxsize=4096)
def _kinds(text: str) -> dict[str, str]:
    """Each noun of the text with the noun right before it that says which kind (「播种面积」: 小麦), a locative
    joined to the noun before it (「丰田/里」); only nouns of two or more characters, both."""
    import jieba.posseg

    words: list[tuple[str, str]] = []
    for w in jieba.posseg.lcut(text):
        if words and words[-1][0] in COUNT_ASKED and len(w.word) > 1 and w.word[0] in MEASURE_CHARS:
            words.append((w.word[0], "q"))  # 「多少/家规/上企业」: the count's measure word, then 规上企业
            w = type(w)(w.word[1:], "n")
        if w.flag == "f" and words and words[-1][1] in KIND_TAGS and not DOCUMENT.fullmatch(words[-1][0]):
            words[-1] = (words[-1][0] + w.word, words[-1][1])  # 「丰田里」, not 「规划里」 (in the plan)
        else:
            words.append((w.word, w.flag))
    out: dict[str, str] = {}
    for (kind, kind_tag), (head, head_tag) in pairwise(words):
        if (
            kind_tag in KIND_TAGS
            and head_tag in KIND_TAGS
            and len(kind) >= 2 <= len(head)
            and kind not in NO_KIND
            and not _a_place(kind)  # 「浑源黄芪」: 浑源's 黄芪, no kind of it
            # 「每吨」 says per what, 「价为」 is a verb the tagger calls a noun
            and not (head.startswith("每") or kind.startswith("每") or re.search("[为是的]", kind))
        ):
            total = head.startswith("总") and len(head) > 2  # 「粮食总产量」: the kind 粮食 of 产量
            out.setdefault(head[1:] if total else head, kind)
    return out


def _a_place(word: str) -> bool:
    """The word is a place's name or short name (浑源, 稻城县), whatever the tagger called it."""
    place = find_place(word)
    return place is not None and word in (place.name, place.short)


def row_of_another_kind(question: str, label: str, columns: str) -> bool:
    """A table's row that names another kind of what is asked: 「玉米产量」 read from the row 「肉类总产量」 or 「粮食」
    under the column 产量 holds no figure of 玉米 (the head noun asked is in the row's label or the header, the kind
    the question names in neither), and the row 「森林覆盖率」 none of 「森林蓄积量」 (the label measures the kind asked
    by another noun). Canonical form."""
    said = _kinds(label)
    for head, kind in _kinds(question).items():
        if head in NO_KIND or head in label or head in columns:
            # (a row that names no kind is the usual one: 「滑冰入场票 | 40元/人」 is the adult's ticket)
            if head not in NO_KIND and kind not in label and kind not in columns and kind not in USUAL_KINDS:
                return True
        elif any(other == kind for other in said.values()) and not _abbreviates(head, label):
            # 「森林覆盖率」 for 「森林蓄积量」: another measure of the kind asked (「长绒棉机采」 is 「长绒棉机械采收」, the
            # same one shortened)
            return True
    return False


def _abbreviates(short: str, text: str) -> bool:
    """The characters of `short` stand in `text` in their order, as a Chinese short form takes them from the full
    one (「机采」 of 「机械采收」)."""
    at = 0
    for char in short:
        at = text.find(char, at) + 1
        if not at:
            return False
    return True


# a phase of a project asked (「一期投了多少钱」, 「第一期」) and the words of a project's total (「总投资120亿元」), of all its
# phases said (「…分两期实施」)
PHASE = re.compile(r"(?:第|首)?([一二三四五1-5])期(?!间|限|末|初|中)")
PROJECT_TOTAL = re.compile(r"总投资|总计|合计|共计|总规模")
ALL_PHASES = re.compile(r"分[两二三四]期|[两二三四]期(?:全部|共|合计|总)|全部建成")


def total_for_phase(question: str, sentence: str, context: str = "") -> bool:
    """The question asks one phase of a project (「蜀南光能宜宾基地一期投了多少钱」) and the sentence gives the total of
    all its phases (「…项目总投资120亿元，…分两期实施」), or a total while neither it nor `context` (the title and
    section: 「…工程（二期）正式开工」 is the phase's own news) names that phase: the whole's figure, not the phase's."""
    m = PHASE.search(question)
    if m is None:
        return False
    n = m.group(1)
    phase = re.compile(rf"(?<![\d一二三四五六七八九十]){n}期|第{n}期" + ("|首期" if n in "一1" else ""))
    if phase.search(sentence):
        return False
    return bool(ALL_PHASES.search(sentence)) or (
        bool(PROJECT_TOTAL.search(sentence)) and not phase.search(context)
    )


def qualifier_dropped(question: str, scope: str, said: str, passage: str) -> bool:
    """The question names a thing with a qualifying noun (「入境游客」), the passage names it so too (「入境游客增长
    31.6%」), and the clause names the thing without it, nor do its sentence and heading (`said`: 「全年接待游客1735万
    人次」): the figure of all of it, not of the part asked. Canonical form."""
    return any(
        head in scope and qualifier not in said and qualifier + head in passage
        for qualifier, head in _qualified(question)
    )


@lru_cache(maxsize=256)
def _qualified(question: str) -> tuple[tuple[str, str], ...]:
    """The question's pairs of adjacent common nouns of two or more characters each (「入境」「游客」; not a place's
    or a person's name, nor 「三次」「产业」)."""
    import jieba.posseg

    words = jieba.posseg.lcut(question)
    return tuple(
        (a.word, b.word)
        for a, b in pairwise(words)
        if a.flag == b.flag == "n" and len(a.word) >= 2 and len(b.word) >= 2
    )


# 「新增城镇就业里高校毕业生有多少人」: a part (高校毕业生) of a whole (新增城镇就业) the question names
PART_OF_WHOLE = re.compile(
    r"([\u4e00-\u9fff]{2,10}?)(?:里面|里头|里|当中|之中)的?([\u4e00-\u9fff]{2,8}?)(?:有|是|占|为)?(?:多少|几)"
)


def whole_for_its_part(question: str, scope: str, sentence: str) -> bool:
    """The question asks for a part of a whole (「新增城镇就业里高校毕业生有多少人」) and the clause gives the whole's
    figure (「新增城镇就业1.86万人」): it names the whole, and its sentence never names the part. Canonical form."""
    whole, part = _part_of_whole(question)
    return bool(whole and part) and all(w in scope for w in whole) and not any(w in sentence for w in part)


@lru_cache(maxsize=256)
def _part_of_whole(question: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of the whole and of the part a question asks (read once per question, not per clause)."""
    import jieba.posseg

    from rag.tokenize import tokenize

    m = PART_OF_WHOLE.search(question)
    if m is None or not jieba.posseg.lcut(m.group(2))[0].flag.startswith("n"):
        return (), ()  # 「全国百强县里排第几」: a rank among them, no part of a whole
    whole = [w for w in tokenize(m.group(1)) if len(w) >= 2][-2:]  # its last words, after a place or a year
    return tuple(whole), tuple(w for w in tokenize(m.group(2)) if len(w) >= 2)


# the whole county-level place a report is about (「全市接待游客…」), not a town's own whole (全镇)
WHOLE_PLACE = re.compile(r"全(?:市|县|区|旗)(?!委|人大|政协)|本(?:市|县|区)|我(?:市|县|区)")
ALL_VILLAGES = re.compile(r"各(?:行政)?村|所有(?:行政)?村|村级|全部(?:行政)?村")
# a village the question names (「诸葛八卦村」): two to four characters before 村, after 的/在/到 or a place
VILLAGE = re.compile(r"(?:^|[的在到和与及是去])([\u4e00-\u9fff]{2,4})村(?![民委级里组庄落镇])")


def whole_for_part(question: str, scope: str, sentence: str) -> bool:
    """The question asks for a town's, zone's or village's figure (「兰溪的诸葛八卦村去年旅游收入」) and the clause
    gives the whole place's: the sentence says the whole (「全年全市接待游客…，实现旅游总收入118.9亿元」) without
    naming that part, or names the part only in a breakdown after the clause (「新增养老床位1080张、…，其中七宝镇
    新增5家」). Canonical form."""
    from rag.places import town_names

    if WHOLE_PLACE.search(question):
        return False
    villages = [
        (name + "村",)
        for name in (m.group(1) for m in VILLAGE.finditer(question))
        if name[-1] not in "乡农城"
    ]
    # 「村级集体经济经营性收入全部达到10万元以上」 speaks of every village, a village's own figure of none
    whole = WHOLE_PLACE.search(sentence) is not None or bool(villages and ALL_VILLAGES.search(sentence))
    end = sentence.find(scope) + len(scope) if scope in sentence else len(sentence)
    for names in town_names(question) + villages:
        spelled = names + _stems(names)
        if any(name in scope for name in spelled):
            continue
        said = [sentence.find(name) for name in spelled if name in sentence]
        # 「东溪古镇、古剑山景区提档升级，…全年接待游客2380万人次」: one of things listed in a clause before, not
        # whose figure (「（二）鹿港镇、福兴乡：3月16日至3月18日」 labels its own)
        opens = end - len(scope)
        listed = any(
            "、" in (sentence[at - 1 : at] + sentence[at + len(name) : at + len(name) + 1])
            and re.search(r"[，,；;。]", sentence[at + len(name) : opens])
            for name in spelled
            if 0 <= (at := sentence.find(name)) < opens
        )
        if (whole and not said) or (said and min(said) >= end) or listed:
            return True
    return False


# what opens a clause before its subject: punctuation, 其中, and the year it speaks of, with the word that leads to it
# (「到2030年黄龙玉年交易额达到…」: 到 is no verb of the clause)
OPENING_WORDS = re.compile(
    r"^[\s，,；;、]*(?:其中|全年|去年|今年|(?:到|至|截至|截止)?(?:19|20)\d\d年(?:底|末)?)?"
)


@lru_cache(maxsize=1024)
def _subjectless(prefix: str) -> bool:
    """The clause's words before its figure open with a verb (「全年接待游客」): it names no subject of its own, as
    「A级景区年接待游客」 or 「全市接待游客」 do."""
    import jieba.posseg

    words = jieba.posseg.lcut(OPENING_WORDS.sub("", prefix)[:8])
    return bool(words) and words[0].flag.startswith("v")


def _part_opens(question: str, words: str) -> bool:
    """A town or zone the question does not name is the subject of the words, the one they open with (not
    「在某某镇建设的产业园」)."""
    from rag.places import town_names

    opening = OPENING_WORDS.sub("", words)
    if any(name in opening for names in town_names(question) for name in names):
        return False  # 「东安镇亢谷景区接待游客」 asked of 亢谷景区: the part asked, where it lies
    return _village_opens(question, opening) or any(
        _opens_with(opening, names[0]) and not any(name in question for name in names + _stems(names))
        for names in town_names(opening)
    )


@lru_cache(maxsize=1024)
def _spot_opens(question: str, words: str) -> bool:
    """A clause's words open with a rare place name the tagger reads (ns) that the question does not say and the
    gazetteer does not hold: a mountain, a lake or a scenic spot within the place (「仙女山夜游项目开放首年接待
    游客」), when the question names no town or zone of its own and none of its words is the subject that
    follows. Not a word as common as 城镇 or 沿海; not the clause before, whose subject this one may not share."""
    import jieba.posseg

    from rag.places import find_places, town_names
    from rag.tokenize import COMMON_WORD, frequency

    cut = jieba.posseg.lcut(words[:16])
    first = cut[0] if cut else None
    if (
        first is None
        or first.flag != "ns"
        or len(first.word) < 2
        or frequency(first.word) >= COMMON_WORD
        or first.word in question
        or find_places(first.word)
        or town_names(question)
    ):
        return False
    # (「杏花村经济技术开发区酒业集群实现营业收入」 asked of 酒业集群: the thing asked, where it lies)
    subject = takewhile(lambda w: not w.flag.startswith("v"), cut[1:])
    return not any(len(w.word) >= 2 and w.word in question for w in subject)


def _village_opens(question: str, words: str) -> bool:
    """The words open with a village the question does not name: the tagger's name and then 村 (「贾家庄村全年接待
    游客」); not a kind (乡村, 农村, 城中村), nor a word that holds 村 (「杏花村经济技术开发区」: a zone named after it)."""
    from rag.tokenize import default_words

    cut = default_words(words[:10])
    core = cut[0] if cut[1:2] == ("村",) else ""
    return len(core) >= 2 and core[-1] not in "乡农城中" and core not in question


def _opens_with(words: str, name: str) -> bool:
    """The words open with the name, or with a place the gazetteer knows and then the name (「兴宁经济开发区」:
    兴宁's 经济开发区)."""
    from rag.places import find_places

    at = words.find(name)
    return at == 0 or (at > 0 and any(words[:at] in (p.name, p.short) for p in find_places(words[:at])))


def _stems(names: tuple[str, ...]) -> tuple[str, ...]:
    """A town's or zone's names without 镇/乡/景区…, as people say them (「戴南」 for 戴南镇, 「千垛」 for 千垛景区,
    「养马岛」 for 养马岛旅游度假区)."""
    from rag.places import TOWNS, ZONE_KINDS, ZONES

    bare = (re.sub(f"(?:{ZONE_KINDS})?(?:{'|'.join(TOWNS + ZONES)})$", "", name) for name in names)
    return tuple(stem for stem in bare if len(stem) >= 2)


def part_named(question: str, doc_city: str | None, prefix: str, lead: str = "") -> bool:
    """The words before a clause's figure name a county or district of the report's place that the question
    does not (「大洼区人均公园绿地面积19.8平方米」 in 盘锦's report, asked about 盘锦), or a town or zone of it
    (「剑门关景区接待游客536.2万人次」 for 剑阁's visitors): the figure is that part's. `lead` is the sentence's
    clauses before this one: a town or zone they open with is the subject of a clause that names none of its own
    (「玄武山景区完成提升改造，全年接待游客186万人次」)."""
    from rag.places import find_place, find_places, mentions, within

    # (a lead that opens with a verb names no zone: 「启动重钢片区有机更新，改造…」)
    # (a clause between with a subject of its own ends what the lead's zone is said of: 「叶塘镇…强镇，“兴宁鸽”全产业
    # 链产值突破20亿元，出栏肉鸽3100万羽」)
    between = [c for c in re.split(r"[，,；;]", lead)[1:] if c.strip()]
    if (
        _part_opens(question, prefix)
        or _spot_opens(question, OPENING_WORDS.sub("", prefix))
        or (
            lead
            and _subjectless(prefix)
            and not _subjectless(lead)
            and all(_subjectless(c) for c in between)
            and _part_opens(question, lead)
        )
    ):
        return True
    home = find_place(doc_city) if doc_city else None
    if home is None or home.level == "county":
        return False
    return any(
        part.level == "county" and within(part, home) and not mentions(question, part)
        for part in find_places(prefix)
    )
