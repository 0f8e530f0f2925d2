"""PDF text layer (pypdf) -> paragraphs. A PDF without one (a scan) is refused: OCR is out of scope."""

from __future__ import annotations

import io
import logging
import re

from rag.errors import CleaningError
from rag.readers.layout import pages_to_text

MIN_CHARS_PER_PAGE = 20  # fewer letters than this on average: images only, a scan


def read_pdf(data: bytes, name: str) -> str:
    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed-but-readable files warn a lot
    reader = pypdf.PdfReader(io.BytesIO(data))
    if reader.is_encrypted:
        try:
            reader.decrypt("")  # many published PDFs are "encrypted" with an empty user password
        except Exception:
            raise CleaningError(f"{name}: the PDF is password-protected") from None
    pages = [(page.extract_text() or "").split("\n") for page in reader.pages]
    letters = sum(len(re.findall(r"\w", line)) for page in pages for line in page)
    if letters < MIN_CHARS_PER_PAGE * max(len(pages), 1):
        raise CleaningError(f"{name}: no text layer (scanned?)")
    return pages_to_text(pages)[0]
