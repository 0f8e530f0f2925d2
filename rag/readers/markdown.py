"""Markdown files: the text without the markup that is no part of it (heading marks, quote marks, emphasis,
link targets), so that 「## 三、托管点及名额」 is read as the heading it is and 「# 标题」 as the title. Tables
stay as written: their rows are the cleaner's 「a | b」 lines."""

from __future__ import annotations

import re

MARKUP = (
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.MULTILINE), ""),  # 「## 三、托管点及名额」
    (re.compile(r"[ \t]+#+[ \t]*$", re.MULTILINE), ""),  # a heading's closing marks
    (re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE), ""),  # 「> 发布单位：…」
    (re.compile(r"^[ \t]*[-*+][ \t]+", re.MULTILINE), ""),  # a list item's mark (not 「-3.2」)
    (re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # 「[报名入口](https://…)」: its words
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # 「**注意**」
)


def plain_markdown(text: str) -> str:
    """The words of a Markdown document, line for line."""
    for pattern, kept in MARKUP:
        text = pattern.sub(kept, text)
    return text
