"""The small exception hierarchy: every message says what happened and how to fix it."""


class RagError(Exception):
    """Base class for every error a user can cause or fix."""


class CleaningError(RagError):
    """One input file could not be turned into a clean document (empty, binary, too large...)."""


class IndexNotFoundError(RagError):
    """No index folder yet."""


class IndexMismatchError(RagError):
    """The index was built with other settings (model, tokenizer, chunking, schema)."""


class IndexCorruptError(RagError):
    """A file of the index folder is missing, truncated or unreadable."""


class ModelUnavailableError(RagError):
    """The embedding model cannot be loaded or materialised."""


class QuestionError(RagError, ValueError):
    """The question cannot be asked as given (empty, not text, history or filters of the wrong kind)."""


class IndexBusyError(RagError):
    """Another process kept the index's write lock longer than RAG_LOCK_TIMEOUT."""


class SettingsError(RagError, ValueError):
    """A RAG_* setting has a bad value, or a RAG_* variable is not a setting."""
