"""Check a generated answer against the passages it was given: citations and numbers, in code.

Each sentence must end with markers of passages that exist ([n], 【n】, [n,m], [ID:n]); every number in
it must be found, equal in value and unit (allowing the report's own rounding), in a passage it cites.
A sentence that fails is removed with its reason ("77.7% not in [1][2][3]").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rag.generate.numbers import numbers, same_number
from rag.generate.prompts import ANSWER_LABELS, MIN_CHARS, PROMPT_LABELS, REASONS, REFUSAL

MARKER = re.compile(
    r"[\[【]\s*(?:ID\s*[:：]\s*)?\d+(?:\s*[,，、]\s*(?:ID\s*[:：]\s*)?\d+)*\s*[\]】]", re.IGNORECASE
)
_END = re.compile(r"[。！？!?\n]|(?<!\d)\.(?!\d)")
_TRAILING = re.compile(rf"(?:\s*(?:{MARKER.pattern}))+", re.IGNORECASE)
_CONTENT = re.compile(r"[\w\u4e00-\u9fff]")
_RUN = re.compile(rf"(?:\s*(?:{MARKER.pattern}))+", re.IGNORECASE)
_LEAD = re.compile(r"^[\s，,、；;：:]+")
_ANSWER_LABEL = re.compile(rf"^(?:{'|'.join(ANSWER_LABELS)})[^：:。]{{0,20}}[：:]\s*")
_REFUSING = ("无法回答", "不能回答", "没有提供", "未提及", "没有提到")


@dataclass(frozen=True)
class Verdict:
    kept: tuple[str, ...]  # surviving sentences, markers rewritten as [n]
    removed: tuple[dict[str, str], ...]  # {"sentence", "reason"}
    cited: tuple[int, ...]  # passage numbers the kept sentences cite, ascending
    refused: bool  # the model said the passages do not answer


def sentences(text: str) -> list[str]:
    """Split at 。！？, line ends and markers followed by more words (「A[1]，B[2]。」 is two sentences);
    markers right after the end (「…亿元。[1]」) stay with the sentence."""
    out, pos = [], 0
    while pos < len(text):
        m = _END.search(text, pos)
        end = m.end() if m else len(text)
        trailing = _TRAILING.match(text, end)
        end = trailing.end() if trailing else end
        for piece in _at_inner_markers(text[pos:end]):
            if _CONTENT.search(MARKER.sub("", piece)):
                out.append(piece)
            elif out and MARKER.search(piece):
                out[-1] += piece  # markers on a line of their own belong to the sentence before
        pos = end
    return out


def _at_inner_markers(piece: str) -> list[str]:
    parts, start = [], 0
    for run in _RUN.finditer(piece):
        rest = piece[run.end() :]
        if _CONTENT.search(MARKER.sub("", rest)) and not re.match(r"\s*[。！？!?.]", rest):
            parts.append(piece[start : run.end()])
            start = run.end()
    parts.append(piece[start:])
    return [_ANSWER_LABEL.sub("", _LEAD.sub("", p).strip()) for p in parts]


def markers(sentence: str) -> list[int]:
    """Passage numbers cited by a sentence, in order, without repeats."""
    found: list[int] = []
    for m in MARKER.finditer(sentence):
        for n in map(int, re.findall(r"\d+", m.group())):
            if n not in found:
                found.append(n)
    return found


def _normalised(sentence: str) -> str:
    """Markers as [n][m], with no space before them."""
    rewritten = MARKER.sub(lambda m: "".join(f"[{n}]" for n in markers(m.group())), sentence)
    return re.sub(r"\s+(?=\[\d)", "", rewritten)


def is_refusal(text: str) -> bool:
    """The model's fixed refusal sentence (or its gist) without any cited figure."""
    bare = MARKER.sub("", text).strip()
    return REFUSAL.rstrip("。") in bare or (any(w in bare for w in _REFUSING) and not numbers(bare))


def check_sentence(sentence: str, passages: Sequence[str]) -> str | None:
    """Why `sentence` must be removed, or None when it is verified. `passages[n-1]` is passage [n]."""
    cited = markers(sentence)
    words = "".join(_CONTENT.findall(MARKER.sub("", sentence)))
    if words.startswith(PROMPT_LABELS):
        return REASONS["echo"]
    if len(words) < MIN_CHARS:
        return REASONS["too_short"]
    if not cited:
        return REASONS["no_citation"]
    bad = [n for n in cited if not 1 <= n <= len(passages)]
    if bad:
        return REASONS["out_of_range"].format(marker=f"[{bad[0]}]", n=len(passages))
    sources = [num for n in cited for num in numbers(passages[n - 1])]
    missing = [
        w.text for w in numbers(MARKER.sub("", sentence)) if not any(same_number(w, s) for s in sources)
    ]
    if missing:
        return REASONS["not_found"].format(number="、".join(missing), cited="".join(f"[{n}]" for n in cited))
    return None


def verify(text: str, passages: Sequence[str]) -> Verdict:
    """Keep the sentences whose citations and numbers check out; list the others with their reason."""
    if is_refusal(text):
        return Verdict((), (), (), refused=True)
    kept: list[str] = []
    removed: list[dict[str, str]] = []
    cited: set[int] = set()
    for sentence in sentences(text):
        reason = check_sentence(sentence, passages)
        if reason:
            removed.append({"sentence": sentence, "reason": reason})
        else:
            kept.append(_normalised(sentence))
            cited.update(markers(sentence))
    return Verdict(tuple(kept), tuple(removed), tuple(sorted(cited)), refused=False)
