"""Optional generated answers from an OpenAI-compatible model, every number checked against the passage
it cites (`verify`). Used by `rag.api.ask(..., llm=True)`; the `openai` package is imported only on use."""

from rag.generate.compose import answer_with_model, generate, messages, passage_text
from rag.generate.verify import Verdict, verify

__all__ = ["Verdict", "answer_with_model", "generate", "messages", "passage_text", "verify"]
