"""Indicators: every figure of every report as a row, and the comparisons computed from them.

    extract.py    CleanDoc -> rows (indicator, value, unit, base value, qualifier, kind, period, offsets)
    numbers.py    the number normaliser (中文数字, 亿/万, ranges, 百分点) and decimal helpers
    periods.py    which year or plan period a figure speaks of, target vs result vs estimate
    db.py         indicators.sqlite, one per index build
    table.py      selecting rows; CSV
    questions.py  recognising a comparison question (called by rag.query.parse_query)
    answer.py     computing and citing a comparison answer (called by rag.api.ask)

`rag.indicators(city=..., year=..., name=..., kind=...)` is callable: it returns the rows of the
loaded index (the same as `rag.api.indicators`); the submodules above are reached as usual.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    """The package itself answers `rag.indicators(...)` (DESIGN.md: `rag.indicators(...)` returns rows)."""

    def __call__(self, **filters: Any) -> Any:
        from rag.api import indicators

        return indicators(**filters)


sys.modules[__name__].__class__ = _CallableModule
