"""Sentence embeddings: the real model (sentence-transformers) and a fake for fast tests.

`get_embedder(settings)` returns an object with `name`, `dim`, `embed_documents(texts)` and
`embed_query(text)`; vectors are L2-normalised float32. Nothing heavy is imported here.
"""
