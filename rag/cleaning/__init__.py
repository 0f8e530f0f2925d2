"""Scraped report file -> clean simplified document with metadata and an audit report.

One module per kind of noise: decode, mojibake, boilerplate, pinyin, normalize; then metadata,
headings and near-duplicate detection. All pure functions except `clean_file`, which reads the file.
"""

from rag.cleaning.dedup import duplicate_of, find_duplicates
from rag.cleaning.pipeline import clean_bytes, clean_file

__all__ = ["clean_bytes", "clean_file", "duplicate_of", "find_duplicates"]
