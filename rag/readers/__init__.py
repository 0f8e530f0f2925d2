"""File formats in: plain text, web pages, PDF text layers and Word files -> text for the cleaner.

`extract(data, source_file)` turns the raw bytes of one file into lines of text (one paragraph or one
table row per line, table cells joined by " | "); the cleaning pipeline then treats every format the
same way. Libraries are imported inside the readers, so importing `rag` stays cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from rag.errors import CleaningError

FORMATS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}
SUFFIXES = frozenset(FORMATS)


@dataclass(frozen=True)
class Extracted:
    format: str  # "txt" | "md" | "html" | "pdf" | "docx"
    text: str | None  # None for plain text and Markdown: the cleaner decodes the bytes itself
    title: str | None = None  # a web page's title, when the format has one
    date: str | None = None  # ISO publication date of a web page


def format_of(name: str) -> str | None:
    """The format of a file by its name, or None when it is not supported."""
    return FORMATS.get(PurePath(name).suffix.lower())


def unsupported(name: str) -> str:
    return f"unsupported format: {PurePath(name).suffix.lower() or '(no extension)'}"


def extract(data: bytes, source_file: str) -> Extracted:
    """The text of one file by its format; raises CleaningError naming the file when there is none."""
    kind = format_of(source_file)
    if kind is None:
        raise CleaningError(f"{PurePath(source_file).name}: {unsupported(source_file)}")
    if kind in {"txt", "md"}:
        return Extracted(kind, None)
    name = PurePath(source_file).name
    try:
        if kind == "html":
            from rag.readers.html import read_html

            return read_html(data, name)
        if kind == "pdf":
            from rag.readers.pdf import read_pdf

            return Extracted("pdf", read_pdf(data, name))
        from rag.readers.docx import read_docx

        return Extracted("docx", read_docx(data, name))
    except CleaningError:
        raise
    except Exception as exc:  # a damaged file: the libraries raise many kinds of errors
        raise CleaningError(f"{name}: cannot read this {kind} file ({type(exc).__name__}: {exc})") from None
