"""The Gradio chat UI: a thin adapter over `rag.ask`, `rag.load_index` and `rag.build_index`.

`rag serve` (and `make demo`) call `main()`. Handlers are plain functions, testable without a server;
Gradio and the index are only imported or loaded inside functions.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rag.errors import RagError
from rag.settings import Settings
from rag.types import Answer
from ui.render import answer_html, documents_table, format_sources, text_html

log = logging.getLogger(__name__)

ALL = "全部"  # the dropdown value meaning "no filter"
EXAMPLES = [
    "常熟2024年工业投资目标是多少",
    "昆山之链(恋)慢行环线全长多少公里？",
    "苏州2021年工业投资目标是多少？",
    "“十四五”时期苏州全社会研发投入强度达到了多少？",
    "崑山那個便民服務總入口叫啥名字？",
]
UPLOAD_SUFFIXES = {".txt", ".md"}
STREAM_STEP = 12  # characters per streamed update
STREAM_DELAY = 0.02  # seconds between streamed updates
THINKING = '<div class="answer">正在检索报告…</div>'
TABLE_HEADERS = ["标题", "城市", "年份", "类型", "片段", "重复于", "清洗", "文件"]
AskFn = Callable[..., Answer]


def _filters(city: str | None, year: str | int | None, doc_type: str | None) -> dict[str, Any]:
    chosen = {"city": city, "year": year, "doc_type": doc_type}
    out: dict[str, Any] = {}
    for key, value in chosen.items():
        if value in (None, "", ALL):
            continue
        if key == "year":
            try:
                value = int(value)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
        out[key] = value
    return out


def _text_of(content: Any) -> str:
    """Gradio gives a message's content as a string, a {"text": …} part, or a list of parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "")
    if isinstance(content, list):
        return "".join(_text_of(part) for part in content)
    return ""


def _user_turns(history: list[dict[str, Any]]) -> list[str]:
    turns = [_text_of(m.get("content")) for m in history if isinstance(m, dict) and m.get("role") == "user"]
    return [t for t in turns if t.strip()]


def respond(
    message: str,
    history: list[dict[str, Any]] | None,
    city: str | None = None,
    year: str | None = None,
    doc_type: str | None = None,
    *,
    ask_fn: AskFn | None = None,
    settings: Settings | None = None,
    delay: float = STREAM_DELAY,
) -> Iterator[tuple[list[dict[str, Any]], str]]:
    """Ask, then stream the answer into the chat; yields (chat messages, sources panel HTML).

    Earlier user questions go to `ask(history=...)` so that a follow-up such as 「那2023年呢？」 works."""
    from rag.api import ask

    ask_now: AskFn = ask_fn or ask
    history = list(history or [])
    earlier = _user_turns(history)
    history.append({"role": "user", "content": message})
    history.append({"role": "assistant", "content": THINKING})
    yield history, format_sources(None)
    try:
        answer = ask_now(message, settings=settings, history=earlier, filters=_filters(city, year, doc_type))
    except RagError as exc:
        history[-1] = {"role": "assistant", "content": text_html(f"出错了：{exc}", refused=True)}
        yield history, format_sources(None)
        return
    except Exception as exc:  # never show a traceback in the chat; the log has it
        log.exception("ask failed")
        note = f"出错了（{type(exc).__name__}），这个问题没有得到回答。请换个问法再试，或查看服务日志。"
        history[-1] = {"role": "assistant", "content": text_html(note, refused=True)}
        yield history, format_sources(None)
        return
    sources = format_sources(answer)
    for end in range(STREAM_STEP, len(answer.text), STREAM_STEP):
        history[-1] = {"role": "assistant", "content": text_html(answer.text[:end] + "▌", answer.refused)}
        yield history, sources
        if delay:
            time.sleep(delay)
    history[-1] = {"role": "assistant", "content": answer_html(answer)}
    yield history, sources


def check_upload(path: Path, max_bytes: int) -> str | None:
    """Why an uploaded file is refused, or None when it may be ingested."""
    if path.suffix.lower() not in UPLOAD_SUFFIXES:
        return f"只接受 .txt / .md 文本文件（这个是 {path.suffix or '无扩展名'}）"
    size = path.stat().st_size
    if size > max_bytes:
        return f"文件太大：{size / 1024 / 1024:.1f} MB，上限 {max_bytes / 1024 / 1024:.0f} MB"
    if size == 0:
        return "文件是空的"
    with path.open("rb") as f:
        head = f.read(65536)
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs too
        return "看起来是二进制文件（含 NUL 字节），不是文本报告"
    return None


def _upload_path(item: Any) -> Path:
    """Gradio gives uploads as paths (str) or objects with `.path` / `.name` (the temp file path)."""
    if isinstance(item, str | os.PathLike):
        return Path(item)
    if isinstance(item, dict):
        return Path(item.get("path") or item.get("name") or "")
    return Path(getattr(item, "path", None) or getattr(item, "name", None) or item)


def ingest_uploads(
    files: list[Any] | None,
    settings: Settings,
    build_fn: Callable[..., Any],
    progress: Callable[..., Any] | None = None,
) -> str:
    """Copy accepted uploads into $RAG_HOME/uploads and index them; one result line per file."""
    if not files:
        return "请选择要上传的 .txt / .md 报告文件。"
    step = progress or (lambda *a, **k: None)
    folder = settings.home / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    lines, accepted = [], []
    for i, item in enumerate(files):
        path = _upload_path(item)
        step(0.1 * i / len(files), desc=f"检查 {path.name}")
        reason = check_upload(path, settings.max_file_mb * 1024 * 1024)
        if reason:
            lines.append(f"拒收 {path.name}：{reason}")
            continue
        target = folder / path.name
        shutil.copyfile(path, target)
        accepted.append(target)
    if accepted:
        step(0.2, desc=f"清洗、切分、嵌入 {len(accepted)} 个文件并更新索引…（问答照常可用）")
        try:
            report = build_fn(accepted, settings=settings)
        except RagError as exc:
            return "\n".join([*lines, f"建索引失败，原索引不受影响：{exc}"])
        except Exception as exc:
            log.exception("build_index failed")
            return "\n".join([*lines, f"建索引失败（{type(exc).__name__}），原索引不受影响。"])
        labels = {
            "indexed": "已索引",
            "unchanged": "已在索引中",
            "duplicate": "重复，未另建",
            "skipped": "跳过",
        }
        for f in report.files:
            extra = f"，{f.chunks} 个片段" if f.status == "indexed" else ""
            detail = f"：{f.detail}" if f.detail else ""
            lines.append(f"{labels.get(f.status, f.status)} {Path(f.path).name}{detail}{extra}")
        step(1.0, desc="完成")
    return "\n\n".join(lines)  # Markdown: one paragraph per file


def _choices(info: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    metas = [d.get("meta") or {} for d in info.get("documents", []) if not d.get("duplicate_of")]
    cities = sorted({m["city"] for m in metas if m.get("city")})
    years = sorted({str(m["year"]) for m in metas if m.get("year")})
    types = sorted({m["doc_type"] for m in metas if m.get("doc_type")})
    return [ALL, *cities], [ALL, *years], [ALL, *types]


def _info(settings: Settings) -> dict[str, Any]:
    from rag.api import load_index

    try:
        return load_index(settings).info()
    except RagError:
        return {"documents": []}


def build_app(ask_fn: AskFn | None = None, settings: Settings | None = None, build_fn: Any = None) -> Any:
    """The Blocks app: 问答 tab (chat, filters, sources) and 文档 tab (indexed reports, upload)."""
    import gradio as gr

    from rag.api import answer_to_dict, ask, build_index

    ask_fn = ask_fn or ask
    build_fn = build_fn or build_index
    settings = settings or Settings.from_env()
    info = _info(settings)
    cities, years, types = _choices(info)

    with gr.Blocks(title="报告问答") as app:
        gr.Markdown("## 报告问答 · 政府工作报告与规划建议的数字问答（离线）")
        with gr.Tab("问答", id="qa"), gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", height=460, elem_id="chat", buttons=["copy", "copy_all"])
                question = gr.Textbox(
                    label="问题", placeholder="例如：常熟2024年工业投资目标是多少", elem_id="question"
                )
                with gr.Row():
                    send = gr.Button("提问", variant="primary", elem_id="send")
                    clear = gr.Button("清空对话", elem_id="clear")
                with gr.Row():
                    city = gr.Dropdown(cities, value=ALL, label="城市", elem_id="filter-city")
                    year = gr.Dropdown(years, value=ALL, label="年份", elem_id="filter-year")
                    doc_type = gr.Dropdown(types, value=ALL, label="文档类型", elem_id="filter-type")
                gr.Examples(EXAMPLES, inputs=question, label="示例问题")
            with gr.Column(scale=2):
                gr.Markdown("### 来源")
                sources = gr.HTML(format_sources(None), elem_id="sources")
        with gr.Tab("文档", id="docs"):
            table = gr.Dataframe(
                documents_table(info),
                headers=TABLE_HEADERS,
                interactive=False,
                label="已索引的报告",
                elem_id="documents",
            )
            uploads = gr.File(
                label=f"上传报告（.txt / .md，每个不超过 {settings.max_file_mb} MB）",
                file_count="multiple",
                elem_id="upload",
            )
            add = gr.Button("加入索引", variant="primary", elem_id="add")
            result = gr.Markdown(elem_id="upload-result")

        def on_ask(message, history, c, y, t):
            if not (message or "").strip():
                yield gr.skip(), gr.skip(), gr.skip()
                return
            for state, html in respond(message, history, c, y, t, ask_fn=ask_fn, settings=settings):
                yield state, html, ""

        def refresh():
            current = _info(settings)
            c, y, t = _choices(current)
            return (
                documents_table(current),
                gr.update(choices=c),
                gr.update(choices=y),
                gr.update(choices=t),
            )

        def on_upload(files, progress=gr.Progress()):  # noqa: B008 (Gradio injects the tracker)
            message = ingest_uploads(files, settings, build_fn, progress)
            return (message, *refresh())

        def ask_json(question: str) -> dict:
            """Ask the reports a question; returns the answer as `rag ask --json` prints it."""
            try:
                return answer_to_dict(ask_fn(question, settings=settings))
            except RagError as exc:  # a readable message for the client, not a traceback
                raise gr.Error(str(exc), print_exception=False) from None

        inputs = [question, chat, city, year, doc_type]
        outputs = [chat, sources, question]
        send.click(on_ask, inputs, outputs, api_visibility="private")
        question.submit(on_ask, inputs, outputs, api_visibility="private")
        clear.click(lambda: ([], format_sources(None)), None, [chat, sources], api_visibility="private")
        chat.clear(lambda: format_sources(None), None, sources, api_visibility="private")  # its trash icon
        add.click(
            on_upload,
            [uploads],
            [result, table, city, year, doc_type],
            api_visibility="private",
            concurrency_limit=1,
            concurrency_id="ingest",
        )
        app.load(refresh, None, [table, city, year, doc_type], api_visibility="private")
        gr.api(ask_json, api_name="ask")
    return app


def main(host: str = "127.0.0.1", port: int = 7860, settings: Settings | None = None) -> None:
    """Serve the UI (loopback only unless `host` says otherwise)."""
    settings = settings or Settings.from_env()
    uploads = (settings.home / "uploads").resolve()
    uploads.mkdir(parents=True, exist_ok=True)
    app = build_app(settings=settings)
    app.queue(default_concurrency_limit=8).launch(
        server_name=host,
        server_port=port,
        allowed_paths=[str(uploads)],
        max_file_size=f"{settings.max_file_mb * 2}mb",  # larger ones never reach the disk; see check_upload
        show_error=False,
        footer_links=[],
    )


if __name__ == "__main__":
    main()
