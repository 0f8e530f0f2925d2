"""Abbreviations a question uses that the indexed text spells out: 「董秘」 is 董事会秘书, 「西农」 西北农林….

A noun of the question that no passage holds is looked up, in the passages about the question's other nouns,
as a longer phrase that keeps its characters in order, each one starting a word of two characters or more
(Chinese abbreviations take the first character of each word: 董(事会)秘(书), 固(定资产)投(资)); the phrase found
most often replaces it, so that retrieval and the answerer read the question in the words of the text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence

from rag.tokenize import word_ends
from rag.types import Chunk

NOUNS = ("n", "nz", "nt", "ng", "j")
LONGEST = 6  # 董事会秘书, 社会消费品零售总额 is a listed synonym (rag.lexicon.SYNONYMS)
MATCHES = 200  # enough to tell which spelling the text uses


def spelled_out(text: str, holds: Callable[[str], bool], chunks: Sequence[Chunk]) -> str:
    """The question with each abbreviation no passage holds (`holds`: the keyword index has the word) replaced
    by the phrase the passages use for it; unchanged when there is none."""
    import jieba.posseg

    words = jieba.posseg.lcut(text)
    for word in sorted({w.word for w in words if w.flag in NOUNS}):
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,3}", word) or holds(word):
            continue
        others = [w.word for w in words if w.word != word and w.flag in NOUNS and len(w.word) >= 2]
        phrase = _most_used_phrase(
            word, [c for c in chunks if any(o in c.meta.title + c.text for o in others)]
        )
        if phrase:
            text = text.replace(word, phrase)
    return text


def _most_used_phrase(word: str, chunks: Sequence[Chunk]) -> str | None:
    gaps = "".join(rf"[\u4e00-\u9fff]{{0,3}}?({re.escape(c)})" for c in word[1:])
    pattern = re.compile(rf"({re.escape(word[0])}){gaps}")
    found: Counter[str] = Counter()
    for chunk in chunks:
        passage = chunk.text
        for m in pattern.finditer(passage):
            phrase = _as_words(passage, m)
            if phrase:
                found[phrase] += 1
                if sum(found.values()) >= MATCHES:
                    break
    best = sorted(found.items(), key=lambda kv: (-kv[1], len(kv[0])))
    return best[0][0] if best else None


def _as_words(passage: str, m: re.Match[str]) -> str | None:
    """The phrase from the match's first character to the end of the word its last one starts, when each of
    the abbreviation's characters starts a word of two characters or more there (董事会/秘书, not 利用/率);
    None otherwise."""
    start = m.start()
    window = passage[start : m.end() + LONGEST]
    ends = word_ends(window) | {0}
    end = 0
    for group in range(1, len(m.groups()) + 1):
        at = m.start(group) - start
        end = min((e for e in ends if e > at), default=len(window))
        if at not in ends or end - at < 2:
            return None
    phrase = window[:end]
    return phrase if len(phrase) <= LONGEST else None
