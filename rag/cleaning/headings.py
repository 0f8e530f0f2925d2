"""Heading structure of a clean report, for section paths: parts, 一、 sections, (一)/1. items."""

from __future__ import annotations

import re

from rag.types import Heading

PART = re.compile(r"^\d{4}年(?!.*(报告|建议|规划)).{0,8}(工作|回顾|安排|任务|目标)[^。，]{0,6}$")
SECTION = re.compile(r"^([一二三四五六七八九十]+、|第[一二三四五六七八九十]+个方面[，,])")
# a plan's parts and chapters (「第二章　“十五五”时期经济社会发展主要目标」) and its sections (「第一节　…」): a line
# of its own, no sentence
CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇]+[篇编章](?![程])[^。；]{0,36}$")
CHAPTER_SECTION = re.compile(r"^第[一二三四五六七八九十百零〇]+节(?![课次日])[^。；]{0,36}$")
ITEM = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
# 1. under （一）: an item of the item above (「（二）服务时间」 over 「2.冬季…：周一至周六9:00—15:30；」)
SUBITEM = re.compile(r"^\d{1,2}[.．、](?!\d)")
TITLE_MAX = 40


def _head_of(line: str) -> str:
    """A standalone heading is the whole line; a run-in one ends at the first 。 (or ， when long)."""
    end = line.find("。")
    head = line if end < 0 else line[: end + 1]
    if len(head) > TITLE_MAX:
        comma = head.find("，")
        head = head[: comma + 1] if 0 < comma <= TITLE_MAX else head[:TITLE_MAX]
    return head


def find_headings(text: str) -> tuple[Heading, ...]:
    headings: list[Heading] = []
    offset = 0
    for line in text.split("\n"):
        if " | " in line:  # 「六、教育文化娱乐 | 100.8 | 101.1」: a table's numbered row, no heading
            offset += len(line) + 1
            continue
        level = (
            0
            if PART.match(line) or CHAPTER.match(line)
            else 1
            if SECTION.match(line) or CHAPTER_SECTION.match(line)
            else 2
            if ITEM.match(line)
            else 3
            if SUBITEM.match(line)
            else None
        )
        if level is not None:
            head = line if level == 0 else _head_of(line)
            headings.append(Heading(offset, offset + len(head), level, head.rstrip("。")))
        offset += len(line) + 1
    return tuple(headings)


def section_path(headings: tuple[Heading, ...], position: int) -> str:
    """The heading path in force at a character offset: 'part > section > item'."""
    stack: dict[int, Heading] = {}
    for h in headings:
        if h.start > position:
            break
        stack[h.level] = h
        for deeper in [lvl for lvl in stack if lvl > h.level]:
            del stack[deeper]
    return " > ".join(stack[lvl].title for lvl in sorted(stack))
