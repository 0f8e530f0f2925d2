"""Fusion and filters of rag.retrieval: hand-computed reciprocal ranks."""

import pytest

from rag.retrieval import RRF_K, candidate_ids, fuse
from rag.types import Chunk, DocMeta


def rr(rank: int) -> float:
    return 1.0 / (RRF_K + rank)


@pytest.mark.parametrize(
    ("rankings", "weights", "expected"),
    [
        # an item first on both sides beats items first on one side only
        ([[1, 2], [1, 3]], [1.0, 1.0], [(1, 2 * rr(1)), (2, rr(2)), (3, rr(2))]),
        # an item second on both sides beats one that is first on one side only
        ([[7, 8], [9, 8]], [1.0, 1.0], [(8, 2 * rr(2)), (7, rr(1)), (9, rr(1))]),
        # weights scale each side
        ([[1], [2]], [1.0, 2.0], [(2, 2 * rr(1)), (1, rr(1))]),
        # one side empty: the other side's order is kept
        ([[], [5, 4]], [1.0, 1.0], [(5, rr(1)), (4, rr(2))]),
    ],
)
def test_fuse_hand_computed(rankings, weights, expected):
    got = fuse(rankings, weights)
    assert [item for item, _ in got] == [item for item, _ in expected]
    for (_, score), (_, want) in zip(got, expected, strict=True):
        assert score == pytest.approx(want)


def test_fuse_rejects_mismatched_weights():
    with pytest.raises(ValueError):
        fuse([[1], [2]], [1.0])


def _chunk(city: str, year: int, doc_type: str = "政府工作报告") -> Chunk:
    meta = DocMeta(f"{year}年{city}市政府工作报告", city, year, doc_type, None, None, "x.txt")
    return Chunk(f"{city}{year}", city, "正文", 0, 2, "", meta)


CHUNKS = [
    _chunk("常熟", 2024),
    _chunk("苏州", 2021),
    _chunk("苏州", 2025, "五年规划建议"),
    _chunk("昆山", 2022),
]


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (None, None),
        ({}, None),
        ({"city": None, "year": ""}, None),
        ({"city": "苏州"}, [1, 2]),
        ({"city": "苏州", "year": 2021}, [1]),
        ({"year": "2022"}, [3]),
        ({"doc_type": "五年规划建议"}, [2]),
        ({"city": ["常熟", "昆山"]}, [0, 3]),
        ({"city": "上海"}, []),
    ],
)
def test_candidate_ids(filters, expected):
    assert candidate_ids(CHUNKS, filters) == expected
