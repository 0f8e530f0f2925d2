"""Abbreviations in a question are read as the passages spell them out (rag.abbreviations)."""

import pytest

from rag.abbreviations import spelled_out
from rag.types import Chunk, DocMeta

NOTICE = DocMeta("某集团股份有限公司董事会决议公告", None, 2025, "其他", None, None, "notice.txt")
PLANT = DocMeta("某厂年报", None, 2024, "其他", None, None, "plant.txt")


def chunks(*pieces):
    return [Chunk(f"c{i}", "doc", text, 0, len(text), "", meta) for i, (meta, text) in enumerate(pieces)]


PASSAGES = chunks(
    (NOTICE, "董事会同意聘任李晓雯女士为公司董事会秘书，任期三年。"),
    (NOTICE, "公司董事会秘书：李晓雯；证券事务代表：王强。"),
    (PLANT, "设备利用率达到90%，景德镇区位优势明显。"),
)
VOCABULARY = {"董事会", "秘书", "集团", "公司", "设备", "利用率", "景德镇", "区位"}


@pytest.mark.parametrize(
    ("question", "read"),
    [
        ("集团现在的董秘是谁？", "集团现在的董事会秘书是谁？"),  # 董(事会)秘(书)
        ("集团的秘书是谁？", "集团的秘书是谁？"),  # a word the passages hold stays
        ("某厂的贷款利率是多少？", "某厂的贷款利率是多少？"),  # 利用/率: 率 is no word's head
        (
            "集团的景区在哪？",
            "集团的景区在哪？",
        ),  # 景德镇区位 is in no passage about the question's other nouns
    ],
)
def test_an_abbreviation_is_read_as_the_passages_write_it(question, read):
    assert spelled_out(question, VOCABULARY.__contains__, PASSAGES) == read
