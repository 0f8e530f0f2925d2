"""Word .docx (python-docx) -> paragraphs and table rows in document order (headers/footers left out)."""

from __future__ import annotations

import io


def _row(row: object) -> str:
    seen: list[object] = []
    texts: list[str] = []
    for cell in row.cells:  # type: ignore[attr-defined]
        if any(cell._tc is other for other in seen):  # a merged cell is listed once per grid column
            continue
        seen.append(cell._tc)
        texts.append(" ".join(cell.text.split()))
    return " | ".join(texts)


def read_docx(data: bytes, name: str) -> str:
    import docx
    from docx.table import Table

    document = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_row(row) for row in block.rows)
        else:
            lines.extend(block.text.split("\n"))
    return "\n".join(line for line in lines if line.strip())
