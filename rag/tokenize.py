"""The keyword tokenizer: jieba search-mode words plus the report vocabulary, for BM25.

Chinese has no spaces: an English tokenizer turns a whole clause into one token and BM25 finds
nothing. jieba with report terms (city names, 十四五, 规上, …) keeps them whole.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from functools import lru_cache
from typing import Any

TOKENIZER_NAME = "jieba-0.42.1-search+report-vocab-v2"

REPORT_VOCAB = [
    "苏州",
    "常熟",
    "昆山",
    "张家港",
    "太仓",
    "吴江",
    "吴中",
    "相城",
    "姑苏",
    "虎丘",
    "工业园区",
    "高新区",
    "十三五",
    "十四五",
    "十五五",
    "规上",
    "规上工业",
    "规模以上",
    "高新技术企业",
    "高企",
    "地区生产总值",
    "研发投入",
    "研发投入强度",
    "研究与试验发展",
    "社会消费品零售总额",
    "固定资产投资",
    "工业投资",
    "实际使用外资",
    "进出口总额",
    "一般公共预算收入",
    "农林水",  # a budget's function class (农林水支出): 水 alone is no word of it
    "人均可支配收入",
    "城镇居民",
    "农村居民",
    "专精特新",
    "独角兽",
    "瞪羚",
    "创新核",
    "新质生产力",
    "长三角",
    "自贸片区",
    "直播电商",
    "声学产业",
    "百强县",
    "高价值发明专利",
    "发明专利",
    "货物吞吐量",
    "康居乡村",
    "海绵城市",
    "慢行环线",
    "轨交",
    "便民服务",
    "苏惠十条",
    "先进制造业集群",
    "财产保险",
    "文化中心",
    "古城保护",
    "上市公司",
]
STOPWORDS = set(
    [
        "的",
        "了",
        "是",
        "在",
        "和",
        "与",
        "及",
        "等",
        "要",
        "将",
        "把",
        "被",
        "对",
        "为",
        "以",
        "中",
        "上",
        "下",
        "个",
        "年",
        "月",
        "日",
        "多少",
        "什么",
        "哪个",
        "哪些",
        "哪",
        "几",
        "吗",
        "呢",
        "啊",
        "请问",
        "想",
        "问",
        "问下",
        "一下",
        "是否",
        "有",
        "有没有",
        "怎么",
        "如何",
        "到底",
        "那",
        "这",
        "其",
        "之",
        "其中",
        "达到",
        "多大",
    ]
)
_TOKEN_OK = re.compile(r"[\w%]", re.UNICODE)
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in REPORT_VOCAB:
        tokenizer.add_word(word, freq=200000)
    return tokenizer


# a preposition the tagger glues to a name it does not know (「到千垛」, 「向千垛」 of 「到千垛看菜花」)
GLUED = "到在从向往对给把被于自跟"


def tokenize(text: str) -> list[str]:
    """Search-mode words, Latin lower-cased, punctuation and stopwords dropped; a guessed word opening with a
    preposition is the name after it (`GLUED`)."""
    text = unicodedata.normalize("NFKC", text).lower()
    with _lock:
        tokenizer = _jieba()
        words = [
            w[1:] if len(w) >= 3 and w[0] in GLUED and not tokenizer.FREQ.get(w) else w
            for w in tokenizer.cut_for_search(text)
        ]
    return [w for w in (w.strip() for w in words) if w and _TOKEN_OK.search(w) and w not in STOPWORDS]


@lru_cache(maxsize=1024)
def default_words(text: str) -> tuple[str, ...]:
    """The default tagger's words of the text (a clause segmented once, however often asked)."""
    import jieba

    return tuple(jieba.lcut(text))


@lru_cache(maxsize=1024)
def word_ends(text: str) -> frozenset[int]:
    """Where the default tagger's words of the text end."""
    ends, at = set(), 0
    for word in default_words(text):
        at += len(word)
        ends.add(at)
    return frozenset(ends)


def frequency(word: str) -> int:
    """How often the word is in the default tagger's dictionary (0: not there)."""
    import jieba

    jieba.dt.check_initialized()
    return int(jieba.dt.FREQ.get(word, 0))


def known_word(word: str) -> bool:
    """The default tagger's dictionary holds the word (else the tagger guessed it: 「镇设」 of 「马坊镇设了」)."""
    return frequency(word) > 0


def dictionary_tag(word: str) -> str:
    """The part of speech the tagger's dictionary gives the word (「逛」: v, 「现金」: n), or ""."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab.get(word, "")


# as often as this in the tagger's dictionary, a word is an everyday one: a one-character noun that stands alone
# (药, 床), a place word that names no one place (城镇, 沿海)
COMMON_WORD = 1000


def counts_one_character_noun(text: str, at: int) -> bool:
    """True when the tagger joined the measure word at `at` to the one-character noun it counts: 「多少种药」
    is cut 种药, 「几张床」 张床 — the measure word is the unit all the same; not 「家庭」 or 「本科生」, words of
    their own (庭 is no common noun alone; 本科生 is longer). Likewise when the join is a word no dictionary
    holds, a guess of the tagger's (「多少起酒驾」 cut 起酒, 「多少人得」 人得)."""
    start = 0
    for word in default_words(text):
        if start == at:
            noun = word[1:]
            tag = dictionary_tag(noun)
            unknown = not known_word(word)
            common_noun = tag.startswith("n") and frequency(noun) >= COMMON_WORD
            return (len(word) == 2 and common_noun) or (len(word) <= 3 and unknown)  # 「户老旧」: a guess
        start += len(word)
    return False
