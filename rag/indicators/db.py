"""The indicator table of a build: `indicators.sqlite` (standard-library sqlite3), written with the rest
of the build and read by the loaded index. An index built before this file existed gets its rows
extracted from its documents on first use, and so does one whose rows an older extractor wrote
(nothing is written to a live build)."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path
from typing import Any

from rag.errors import IndexCorruptError
from rag.indicators.extract import Indicator, extract
from rag.types import CleanDoc

FILE = "indicators.sqlite"
EXTRACTOR_VERSION = 4  # raised when extraction changes what rows a document gives
DECIMALS = {"value", "base_value", "value_high"}
COLUMNS = [f.name for f in fields(Indicator)]
_cache: dict[str, list[Indicator]] = {}
_lock = threading.Lock()


def write_indicators(folder: Path, docs: Iterable[CleanDoc]) -> dict[str, Any]:
    """Write the rows of every document into `folder/indicators.sqlite`; returns the manifest entry."""
    rows = [row for doc in docs for row in extract(doc)]
    path = folder / FILE
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        columns = ", ".join(
            f"{c} {'TEXT' if c in DECIMALS or c not in _INTS else 'INTEGER'}" for c in COLUMNS
        )
        con.execute(f"CREATE TABLE indicators (id INTEGER PRIMARY KEY, {columns})")
        marks = ", ".join("?" for _ in COLUMNS)
        con.executemany(
            f"INSERT INTO indicators ({', '.join(COLUMNS)}) VALUES ({marks})", [_to_sql(r) for r in rows]
        )
        con.execute("CREATE INDEX by_city_year ON indicators (city, period_start, period_end)")
        con.commit()
    finally:
        con.close()
    return {"file": FILE, "rows": len(rows), "extractor": EXTRACTOR_VERSION}


_INTS = {"period_start", "period_end", "start", "end", "span_start", "span_end", "doc_year"}


def _to_sql(row: Indicator) -> tuple[Any, ...]:
    data = asdict(row)
    return tuple(str(data[c]) if c in DECIMALS and data[c] is not None else data[c] for c in COLUMNS)


def _from_sql(values: tuple[Any, ...]) -> Indicator:
    data = dict(zip(COLUMNS, values, strict=True))
    for c in DECIMALS:
        data[c] = Decimal(data[c]) if data[c] is not None else None
    return Indicator(**data)


def read_indicators(path: Path) -> list[Indicator]:
    """Every row of one build's indicator file."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return [
                _from_sql(v) for v in con.execute(f"SELECT {', '.join(COLUMNS)} FROM indicators ORDER BY id")
            ]
        finally:
            con.close()
    except sqlite3.Error as exc:
        raise IndexCorruptError(
            f"{path} is unreadable ({exc}): rebuild the index with `rag ingest --rebuild DATA…`"
        ) from None


def index_rows(index: Any) -> list[Indicator]:
    """The rows of a loaded index: its indicator file, or (an older build) extracted from its documents."""
    key = f"{index.path}:{index.manifest.get('fingerprint', '')}:{id(index)}"
    with _lock:
        if key not in _cache:
            path = Path(index.path) / FILE
            written = (index.manifest.get("indicators") or {}).get("extractor") == EXTRACTOR_VERSION
            if path.exists() and written:
                _cache[key] = read_indicators(path)
            else:  # an older build, or rows of an older extractor: extracted again, in memory
                _cache[key] = [r for d in index.docs.values() for r in extract(d)]
        return _cache[key]
