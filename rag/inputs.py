"""Checks of what a caller hands `ask()`: wrong types fail loudly (QuestionError, a ValueError) naming
what is accepted, instead of being read one character at a time or silently matching nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from rag.errors import QuestionError

MAX_QUESTION_CHARS = 500  # longer input is cut: questions are one sentence, not a document
FILTER_KEYS = ("city", "year", "doc_type")
HISTORY_FORMS = "a list of earlier questions (str), (question, answer) pairs or {'role', 'content'} messages"
_SURROGATE = re.compile("[\udc80-\udcff]")


def check_question(question: Any) -> str:
    """The question, stripped and cut to MAX_QUESTION_CHARS."""
    if not isinstance(question, str):
        raise QuestionError(f"问题必须是文字。(the question must be a str, not {type(question).__name__})")
    if _SURROGATE.search(question):
        raise QuestionError("问题里有无法识别的字节。(the question is not valid UTF-8 text)")
    if not question.strip():
        raise QuestionError("问题是空的：请输入一个关于报告内容的问题。(the question is empty)")
    return question.strip()[:MAX_QUESTION_CHARS]


def check_history(history: Any) -> Sequence[Any]:
    if history is None:
        return ()
    if isinstance(history, str | bytes) or not isinstance(history, Sequence):
        raise QuestionError(f"history must be {HISTORY_FORMS}, not {type(history).__name__}")
    for item in history:
        if not _history_item(item):
            raise QuestionError(f"history must be {HISTORY_FORMS}; got an item {item!r:.60}")
    return history


def _history_item(item: Any) -> bool:
    if isinstance(item, str):
        return True
    if isinstance(item, Mapping):
        return "role" in item and "content" in item
    return isinstance(item, Sequence) and len(item) == 2 and isinstance(item[0], str)


def check_filters(filters: Any) -> dict[str, Any]:
    """Filters with empty values dropped; years as ints. Unknown keys and wrong types raise."""
    if filters is None:
        return {}
    if not isinstance(filters, Mapping):
        raise QuestionError(
            f"filters must be a dict with keys {', '.join(FILTER_KEYS)}, not {type(filters).__name__}"
        )
    unknown = sorted(str(k) for k in filters if k not in FILTER_KEYS)
    if unknown:
        raise QuestionError(f"unknown filter {', '.join(unknown)}: the filters are {', '.join(FILTER_KEYS)}")
    clean: dict[str, Any] = {}
    for key, value in filters.items():
        if value in (None, "", [], ()):
            continue
        values = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        checked = [_filter_value(key, v) for v in values]
        clean[key] = checked if isinstance(value, list | tuple | set | frozenset) else checked[0]
    return clean


def _filter_value(key: str, value: Any) -> Any:
    if key == "year":
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().isdigit():
            return int(value)
        raise QuestionError(f"filter year={value!r}: a year is a whole number such as 2024")
    if not isinstance(value, str):
        raise QuestionError(f"filter {key}={value!r}: expected text such as {_EXAMPLES[key]}")
    return value


_EXAMPLES = {"city": "'常熟'", "doc_type": "'政府工作报告'"}
