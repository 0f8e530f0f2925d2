"""The `rag` command: ingest, ask, serve, eval, clean, info. Edges only: it calls the API and prints."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from rag.errors import RagError
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.types import Answer


class _UsageError(RagError):
    """A bad command line; reported as one line like every other user error."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see `{self.prog} --help`)")


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    for stream in (
        sys.stdout,
        sys.stderr,
    ):  # a name that is not UTF-8 prints as \x escapes, never a traceback
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if argv[:1] == ["eval"]:  # the evaluation has its own options
        return _run_eval(argv[1:])
    try:
        args = _parser().parse_args(argv)
        return int(args.func(args) or 0)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `rag clean FILE | head`
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="rag", description="报告问答: ask Chinese government reports.")
    parser.add_argument("--home", help="data folder (default: $RAG_HOME or ./.rag)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="clean and index files or folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from these files only")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--ray", action="store_true", help="clean, chunk, embed on Ray (local, or at RAY_ADDRESS)")
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("ask", help="answer a question with its sources")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.add_argument("--city")
    p.add_argument("--year", type=int)
    p.add_argument("--doc-type")
    p.add_argument(
        "--llm",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also write a verified answer with the model at RAG_LLM_URL (default: when it is set)",
    )
    p.add_argument(
        "--explain", action="store_true", help="show the factors of the chosen and runner-up answers"
    )
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser("serve", help="start the chat UI")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.set_defaults(func=_cmd_serve)

    sub.add_parser("eval", help="offline evaluation (see `rag eval --help`)")

    p = sub.add_parser("clean", help="show the cleaned text, metadata and cleaning report of a file")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.add_argument("--chars", type=int, default=600, help="characters of clean text to show")
    p.set_defaults(func=_cmd_clean)

    p = sub.add_parser("info", help="what is indexed")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_cmd_info)

    p = sub.add_parser("remove", help="remove a document from the index")
    p.add_argument("doc_id")
    p.set_defaults(func=_cmd_remove)

    p = sub.add_parser(
        "indicators", help="every figure of the reports as a row (city, year, indicator, kind)"
    )
    p.add_argument("--city")
    p.add_argument(
        "--year", type=int, help="figures about this year, and every figure of this year's reports"
    )
    p.add_argument("--name", help="indicator name, e.g. 地区生产总值 or GDP")
    p.add_argument("--kind", choices=("target", "result", "estimate"))
    p.add_argument("--csv", action="store_true", help="CSV with a header and each figure's sentence")
    p.set_defaults(func=_cmd_indicators)
    return parser


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(home=Path(args.home) if args.home else None)


def _cmd_ingest(args: argparse.Namespace) -> int:
    from rag.api import build_index

    settings = _settings(args)
    embedder: Any = None
    stages: Any = None
    if getattr(args, "ray", False):  # pip install -e ".[scale]"
        from rag.ray_ingest import RayStages, ray_embedder

        embedder, stages = ray_embedder(settings, rebuild=args.rebuild), RayStages()
    report = build_index(
        args.paths,
        settings=settings,
        rebuild=args.rebuild,
        progress=not args.quiet,
        notify=_wait_note,
        embedder=embedder,
        stages=stages,
    )
    if report.removed_builds:
        print(f"removed {report.removed_builds} unfinished build(s) of an earlier ingest that did not finish")
    for f in report.files:
        detail = f" ({f.detail})" if f.detail else ""
        chunks = f", {f.chunks} chunks" if f.status == "indexed" else ""
        print(f"{f.status:<10} {f.format:<4} {f.path}{chunks}{detail}")
    counts: dict[str, int] = {}
    for f in report.files:
        counts[f.status] = counts.get(f.status, 0) + 1
    print(", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "no files found")
    return 0 if any(f.status != "skipped" for f in report.files) or not report.files else 1


def _wait_note(message: str) -> None:
    """Only the wait for another writer, a resumed embedding and keywords made again go to the terminal;
    per-file notes are for the UI (the terminal has progress bars)."""
    if message.startswith(("waiting", "resuming", "kept", "the keyword index")):
        print(message, file=sys.stderr, flush=True)


def _cmd_ask(args: argparse.Namespace) -> int:
    from rag.api import answer_to_dict, ask

    filters = {"city": args.city, "year": args.year, "doc_type": args.doc_type}
    answer = ask(args.question, settings=_settings(args), filters=filters, llm=args.llm)
    if args.json:
        print(json.dumps(answer_to_dict(answer), ensure_ascii=False, indent=2))
        return 0
    print(answer.text)
    if answer.note:
        print(f"（{answer.note}）")
    if answer.mode == "generated":
        print(f"（由 {answer.model} 生成，数字与引用已核验）")
    for r in answer.removed:
        print(f"已删除：{r['sentence']}（{r['reason']}）")
    for c in answer.citations:
        print(f"\n[{c.n}] {c.title} · {c.city or '-'} · {c.year or '-'} · {c.section or '-'}")
        print(f"    “{c.quote}” (字符 {c.start}–{c.end})")
    if args.explain:
        print("\n" + explain_text(answer))
    return 0


def explain_text(answer: Answer) -> str:
    """「为什么是这个答案」 as plain text: each candidate, its probability and its factors' shares."""
    if not answer.explain:
        return "为什么是这个答案：没有候选答案（检索到的段落里没有问题的词）。"
    lines = ["为什么是这个答案（先验分排序；各因素对候选模型对数几率的贡献）："]
    for row in answer.explain:
        sure = (
            f"，把握 {row['confidence']}（阈值 {row['threshold']}）" if row["confidence"] is not None else ""
        )
        head = f"先验 {row['prior']}，候选概率 {row['probability']}{sure}"
        lines.append(f"- {row['role']}: {row['short'] or '（整句）'}  {head}")
        lines.append(f"  “{row['quote'][:80]}” —— {row['title']}")
        lines.append("  " + ", ".join(f"{k} {v:+.3f}" for k, v in row["factors"].items()))
    return "\n".join(lines)


def _cmd_serve(args: argparse.Namespace) -> int:
    from ui.app import main as serve

    serve(host=args.host, port=args.port, settings=_settings(args))
    return 0


def _run_eval(argv: list[str]) -> int:
    from eval.cli import main as eval_main

    try:
        return eval_main(argv)
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _cmd_clean(args: argparse.Namespace) -> int:
    from rag.cleaning import clean_file

    settings = _settings(args)
    doc = clean_file(Path(args.file), max_bytes=settings.max_file_mb * 1024 * 1024)
    report = asdict(doc.report)
    if args.json:
        payload = {"doc_id": doc.doc_id, "text": doc.text, "meta": asdict(doc.meta), "report": report}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    print(f"# {doc.meta.title}  ({doc.doc_id}, {len(doc.text)} 字)")
    for key, value in asdict(doc.meta).items():
        print(f"{key:>12}: {value}")
    print("\n" + doc.text[: args.chars] + ("…" if len(doc.text) > args.chars else ""))
    print(f"\n## cleaning report (encoding {doc.report.encoding})")
    for kind, n in sorted(doc.report.counts.items()):
        print(f"{kind:>14}: {n}")
    for item in doc.report.items:
        if item.kind in {"pinyin", "t2s"}:
            continue  # counted above; thousands of them
        where = f"L{item.line} " if item.line else ""
        change = f"{item.before!r} → {item.after!r}" if item.after else repr(item.before)
        print(f"- {where}{item.kind}: {change[:120]} ({item.reason})")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from rag.api import load_index

    info = load_index(_settings(args)).info()
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"model: {info['model']}   backend: {info['backend']}   chunks: {info['chunks']}")
    for doc in info["documents"]:
        meta = doc["meta"]
        status = (
            f"duplicate of {doc['duplicate_of']}" if doc.get("duplicate_of") else f"{doc['chunks']} chunks"
        )
        print(
            f"{doc['doc_id']}  {meta['title']} · {meta['city']} · {meta['year']}  [{status}]  {doc['source_file']}"
        )
    for key, value in info.items():
        if key not in {"model", "backend", "chunks", "documents"}:
            print(f"{key}: {value}")
    return 0


def _cmd_indicators(args: argparse.Namespace) -> int:
    from rag.api import indicators, load_index
    from rag.indicators.table import period_text, to_csv, written

    index = load_index(_settings(args))
    rows = indicators(city=args.city, year=args.year, name=args.name, kind=args.kind, index=index)
    if args.csv:
        sys.stdout.write(to_csv(rows, {d.doc_id: d.text for d in index.docs.values()}))
        return 0
    for r in rows:
        print(f"{r.city or '-'}\t{period_text(r)}\t{r.kind}\t{r.indicator}\t{r.measure}\t{written(r)}")
    print(f"{len(rows)} rows", file=sys.stderr)
    return 0


def _cmd_remove(args: argparse.Namespace) -> int:
    from rag.ingest import remove_document

    remove_document(_settings(args), args.doc_id, notify=_wait_note)
    print(f"removed {args.doc_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
