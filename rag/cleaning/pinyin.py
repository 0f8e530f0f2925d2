"""Pinyin annotations after characters, e.g. 發(fā)展 -> 發展, while real brackets survive."""

from __future__ import annotations

import re

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
SYLLABLE = f"[a-zü{TONED}]{{1,7}}"
# Lowercase letters with at least one tone mark, in ASCII brackets, right after a CJK character.
ANNOTATION = re.compile(rf"(?<=[\u3400-\u9fff\uf900-\ufaff])\((?=[^()]*[{TONED}]){SYLLABLE}\)")
# Left behind by mojibake: after a Latin resync letter, or an orphan tail "syl)" with host and "(" eaten.
STRAY_ANNOTATION = re.compile(rf"(?<=[A-Za-z?])\((?=[^()]*[{TONED}]){SYLLABLE}\)")
ORPHAN_TAIL = re.compile(rf"(?<=\?)(?=[^()\s]*[{TONED}]){SYLLABLE}\)")


def strip_pinyin(text: str) -> tuple[str, int]:
    """Remove annotations; returns the text and how many were removed."""
    total = 0
    for pattern in (ANNOTATION, STRAY_ANNOTATION, ORPHAN_TAIL):
        text, n = pattern.subn("", text)
        total += n
    return text, total


def annotation_pairs(text: str) -> list[tuple[str, str]]:
    """(host character, syllable) for every well-formed annotation: the file's own pinyin dictionary."""
    pattern = re.compile(rf"([\u3400-\u9fff])\(((?=[^()]*[{TONED}]){SYLLABLE})\)")
    return [(m.group(1), m.group(2)) for m in pattern.finditer(text)]
