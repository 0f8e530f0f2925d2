"""Raw bytes -> text: UTF-8 first, then the legacy Chinese encodings and UTF-16; never crash."""

from __future__ import annotations

import codecs

from rag.errors import CleaningError

BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Raises CleaningError for an empty or binary file."""
    if not data.strip():
        raise CleaningError(f"{name}: the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding, name)
    if b"\x00" in data[:65536]:  # UTF-16 without a byte-order mark, or binary
        return _checked(*_utf16_without_bom(data, name), name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    try:
        return _checked(data.decode("gb18030"), "gb18030", name)
    except UnicodeDecodeError:
        pass
    return _detect(data, name)


def _utf16_without_bom(data: bytes, name: str) -> tuple[str, str]:
    """Text with NUL bytes is UTF-16 when one byte order decodes to mostly letters; else it is binary."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        readable = sum(1 for ch in sample if ch.isprintable() or ch in "\r\n\t")
        if sample and readable / len(sample) > 0.98:
            return text, encoding
    raise CleaningError(f"{name}: looks like a binary file (NUL bytes), not a text report")


def _detect(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:1_000_000]).best()
    if best is None or best.encoding is None:
        raise CleaningError(f"{name}: cannot tell the text encoding (binary or damaged file)")
    return _checked(data.decode(best.encoding, errors="replace"), best.encoding, name)


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    """Refuse text that is mostly control or replacement characters: a binary file decoded by force."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if ch == "\ufffd" or (ord(ch) < 32 and ch not in "\r\n\t\f"))
    if not sample.strip():
        raise CleaningError(f"{name}: the file has no text")
    if bad / len(sample) > 0.02:
        raise CleaningError(f"{name}: looks like a binary file, not a text report ({encoding} gives garbage)")
    return text.lstrip("\ufeff"), encoding
