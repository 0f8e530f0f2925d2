"""The Gradio chat UI: a thin adapter over `rag.ask`, `rag.load_index` and `rag.build_index`.

`rag serve` (and `make demo`) call `main()`. Handlers are plain functions, testable without a server.
"""

from __future__ import annotations

import hashlib
import os
import queue
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from rag.errors import (
    IndexBusyError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
    ModelUnavailableError,
    QuestionError,
    RagError,
    SettingsError,
)
from rag.readers import SUFFIXES, format_of
from rag.settings import Settings
from rag.types import Answer
from ui.render import answer_html, documents_table, format_sources

ALL = "全部"
EXAMPLES = [
    "常熟2024年工业投资目标是多少",
    "昆山之链(恋)慢行环线全长多少公里？",
    "苏州2021年工业投资目标是多少？",
    "“十四五”时期苏州全社会研发投入强度达到了多少？",
    "崑山那個便民服務總入口叫啥名字？",
]
UPLOAD_SUFFIXES = set(SUFFIXES)  # .txt .md .text .html .htm .pdf .docx (rag/readers)
STREAM_STEP = 12  # characters per streamed update
SEARCHING = "⏳ 正在检索报告…（第一次提问需要先加载模型，约半分钟）"
AskFn = Callable[..., Answer]


def _filters(city: str | None, year: str | None, doc_type: str | None) -> dict[str, Any]:
    chosen = {"city": city, "year": year, "doc_type": doc_type}
    return {k: (int(v) if k == "year" else v) for k, v in chosen.items() if v and v != ALL}


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
    turns = [_text_of(m.get("content")) for m in history if m.get("role") == "user"]
    return [t for t in turns if t.strip()]


def respond(
    message: str,
    history: list[dict[str, Any]],
    city: str | None = None,
    year: str | None = None,
    doc_type: str | None = None,
    use_llm: bool = False,
    *,
    ask_fn: AskFn,
    settings: Settings | None = None,
) -> Iterator[tuple[list[dict[str, Any]], str]]:
    """Ask, then stream the answer into the chat; yields (chat history, sources panel HTML).
    With `use_llm` the model's tokens are shown as they come, then replaced by the verified answer."""
    history = list(history or [])
    earlier = _user_turns(history)
    history.append({"role": "user", "content": message})
    kwargs = {"settings": settings, "history": earlier, "filters": _filters(city, year, doc_type)}
    streamed = ""
    try:
        if use_llm:
            for piece in _generated(message, kwargs, ask_fn):
                if isinstance(piece, str):
                    streamed += piece
                    yield [*history, {"role": "assistant", "content": streamed + " ▌"}], format_sources(None)
                else:
                    answer = piece
        else:  # shown at once: the first question of a server may wait for the model to load
            yield [*history, {"role": "assistant", "content": SEARCHING}], format_sources(None)
            answer = ask_fn(message, **kwargs)
    except RagError as exc:
        history.append({"role": "assistant", "content": f"⚠️ {zh_error(exc)}"})
        yield history, format_sources(None)
        return
    sources = format_sources(answer)
    full = answer_html(answer)
    if streamed:  # the model's words were shown as they came: the verified answer replaces them
        history.append({"role": "assistant", "content": full})
        yield history, sources
        return
    history.append({"role": "assistant", "content": ""})
    plain = answer.text
    for end in range(STREAM_STEP, len(plain), STREAM_STEP):  # stream the plain text, then the linked HTML
        history[-1] = {"role": "assistant", "content": plain[:end]}
        yield history, sources
    history[-1] = {"role": "assistant", "content": full}
    yield history, sources


def _generated(message: str, kwargs: dict[str, Any], ask_fn: AskFn) -> Iterator[str | Answer]:
    """The model's tokens as they stream in (ask runs in a thread), then the verified Answer."""
    tokens: queue.Queue[str | None] = queue.Queue()
    done: dict[str, Any] = {}

    def work() -> None:
        try:
            done["answer"] = ask_fn(message, **kwargs, llm=True, on_token=tokens.put)
        except BaseException as exc:  # handed to the caller's thread below
            done["error"] = exc
        finally:
            tokens.put(None)

    threading.Thread(target=work, daemon=True).start()
    while (piece := tokens.get()) is not None:
        yield piece
    if "error" in done:
        raise done["error"]
    yield done["answer"]


def check_upload(path: Path, max_bytes: int) -> str | None:
    """Why an uploaded file is refused, or None when it may be ingested."""
    if path.suffix.lower() not in UPLOAD_SUFFIXES:
        return f"不支持的格式（{path.suffix or '无扩展名'}）：只接受 .txt / .md / .html / .pdf / .docx"
    size = path.stat().st_size
    if size > max_bytes:
        return f"文件太大：{size / 2**20:.1f} MB，上限 {max_bytes / 2**20:.0f} MB（RAG_MAX_FILE_MB）"
    with path.open("rb") as f:
        head = f.read(8192)
    if format_of(path.name) == "txt" and b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "看起来是二进制文件，不是文本报告"
    return None


def zh_error(exc: RagError) -> str:
    """What went wrong, in the UI's language; the question's own messages are already Chinese first."""
    if isinstance(exc, QuestionError):
        return str(exc) if str(exc)[:1] > "\u2e80" else f"输入有误：{exc}"
    messages = [
        (IndexNotFoundError, "还没有索引：请先在「文档」页上传报告，或运行 rag ingest data/。"),
        (
            IndexCorruptError,
            "索引已损坏，未作任何改动：请用 rag ingest --rebuild 加报告文件夹重建（上传的原文在 uploads/）。",
        ),
        (
            IndexMismatchError,
            "索引是用另一套模型或分块设置建的：请用 rag ingest --rebuild 加报告文件夹重建。",
        ),
        (IndexBusyError, "另一个上传或建索引的任务仍在进行，等候超时：请稍后再试。"),
        (ModelUnavailableError, "无法加载向量模型：请检查 RAG_EMBED_MODEL 和 RAG_DEVICE 设置。"),
        (SettingsError, "设置有误：请检查 RAG_ 开头的环境变量。"),
    ]
    return next((text for kind, text in messages if isinstance(exc, kind)), "出错了，原索引不受影响。")


_EMBEDDING = r"embedding ([\d,]+)/([\d,]+) chunks, (\d+)/(\d+) files, ([\d.]+) chunks/s, "
_NOTES = [
    (re.compile(r"waiting for another writer.*"), "等待另一个上传或建索引的任务完成…"),
    (
        re.compile(r"cleaning (\d+)/(\d+): (.*), ([\d.]+) files/s, ([\d:]+) left"),
        r"清洗 \1/\2：\3，\4 份/秒，约剩 \5",
    ),
    (re.compile(r"cleaning (\d+)/(\d+): (.*)"), r"清洗 \1/\2：\3"),
    (re.compile(r"embedding (\d+) chunks of (\d+) documents"), r"向量化 \2 份文件的 \1 个片段…"),
    (re.compile(r"resuming: ([\d,]+) chunks already embedded"), r"续上次中断的任务：\1 个片段已向量化"),
    (re.compile(_EMBEDDING + r"([\d:]+) left"), r"向量化 \1/\2 片段，\3/\4 份文件完成，\5 片段/秒，约剩 \6"),
    (re.compile(_EMBEDDING + "time left unknown"), r"向量化 \1/\2 片段，\3/\4 份文件完成，\5 片段/秒"),
    (re.compile(r"writing the index \(([\d,]+) chunks\)"), r"写入索引（共 \1 个片段）…"),
    (re.compile(r"kept ([\d,]+) embedded chunks of .*"), r"保留另一未完成任务的 \1 个片段向量"),
]
_DONE_OF = re.compile(r"(\d[\d,]*)/(\d[\d,]*)")


def zh_note(message: str) -> str:
    """An ingest progress note in the UI's language."""
    for pattern, text in _NOTES:
        if pattern.fullmatch(message):
            return pattern.sub(text, message)
    return message


def fraction_of(note: str) -> float | None:
    """How far a progress note's phase is (its first 「n/N」: files cleaned, chunks embedded), for the
    progress bar; None (a moving bar) when the note has no count."""
    found = _DONE_OF.search(note)
    if not found:
        return None
    done, total = (int(g.replace(",", "")) for g in found.groups())
    return done / total if total else None


def keep_upload(path: Path, folder: Path) -> Path:
    """Copy an upload to `folder/<sha256>/<name>`: two different files of one name never overwrite each
    other, the same file is kept once, and `rag ingest --rebuild <folder>` can always rebuild the index."""
    data = path.read_bytes()
    target = folder / hashlib.sha256(data).hexdigest() / Path(path.name).name
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return target


def ingest_uploads(
    files: list[Any] | None,
    settings: Settings,
    build_fn: Callable[..., Any],
    notify: Callable[[str], None] | None = None,
) -> str:
    """Keep accepted uploads under $RAG_HOME/uploads (content-addressed) and index them; one line per file.
    `notify` hears the ingest's progress notes (in Chinese)."""
    if not files:
        return "请选择要上传的报告文件。"
    folder = settings.home / "uploads"
    lines, accepted = [], []
    for item in files:
        path = Path(getattr(item, "name", item))
        reason = check_upload(path, settings.max_bytes)
        if reason:
            lines.append(f"❌ {path.name}：{reason}")
            continue
        try:
            accepted.append(keep_upload(path, folder))
        except OSError as exc:
            lines.append(f"❌ {path.name}：无法保存上传的文件（{exc.strerror or exc}）")
    if accepted:
        extra = {"notify": lambda m: notify(zh_note(m))} if notify else {}
        try:
            report = build_fn(accepted, settings=settings, **extra)
        except RagError as exc:
            return "\n".join([*lines, f"❌ 建索引失败，原索引不受影响：{zh_error(exc)}"])
        labels = {
            "indexed": "✅ 已索引",
            "unchanged": "➖ 已存在",
            "duplicate": "➖ 重复",
            "skipped": "❌ 跳过",
        }
        for f in report.files:
            extra_text = f"，{f.chunks} 个片段" if f.status == "indexed" else ""
            lines.append(f"{labels.get(f.status, f.status)} {Path(f.path).name}：{f.detail}{extra_text}")
        if getattr(report, "removed_builds", 0):
            lines.append(f"🧹 清理了 {report.removed_builds} 个此前中断、未完成的索引构建")
    return "\n".join(lines)


def handle_upload(
    files: list[Any] | None, settings: Settings, build_fn: Callable[..., Any], notify: Callable[[str], None]
) -> str:
    """The upload button: ingest the files, then delete Gradio's temporary copies whatever happened."""
    try:
        return ingest_uploads(files, settings, build_fn, notify)
    finally:
        remove_temporary(files)


def remove_temporary(files: list[Any] | None) -> None:
    """Delete Gradio's temporary copies of uploaded files (the originals are kept under uploads/)."""
    from gradio.utils import get_upload_folder

    temp = os.path.realpath(get_upload_folder())
    for item in files or []:
        path = Path(os.path.realpath(getattr(item, "name", item)))
        if str(path).startswith(temp + os.sep):
            path.unlink(missing_ok=True)
            if path.parent != Path(temp) and not any(path.parent.iterdir()):
                path.parent.rmdir()


def _choices(info: dict[str, Any]) -> tuple[list[str], list[str], list[str]]:
    metas = [d["meta"] for d in info.get("documents", []) if not d.get("duplicate_of")]
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
    import gradio as gr

    from rag.api import answer_to_dict, ask, build_index

    ask_fn = ask_fn or ask
    build_fn = build_fn or build_index
    settings = settings or Settings.from_env()
    cities, years, types = _choices(_info(settings))

    with gr.Blocks(title="报告问答") as app:
        gr.Markdown("## 报告问答 · 政府工作报告与规划建议的数字问答（离线）")
        with gr.Tab("问答"), gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(label="对话", height=460, elem_id="chat")
                question = gr.Textbox(
                    label="问题", placeholder="例如：常熟2024年工业投资目标是多少", elem_id="question"
                )
                with gr.Row():
                    send = gr.Button("提问", variant="primary", elem_id="send")
                    clear = gr.Button("清空对话")
                with gr.Row():
                    city = gr.Dropdown(cities, value=ALL, label="城市")
                    year = gr.Dropdown(years, value=ALL, label="年份")
                    doc_type = gr.Dropdown(types, value=ALL, label="文档类型")
                use_llm = gr.Checkbox(
                    value=bool(settings.llm_url),
                    label=f"用模型生成回答（{settings.llm_model or '已配置的模型'}；数字逐句核验）",
                    visible=bool(settings.llm_url),  # only when RAG_LLM_URL is set
                    elem_id="use-llm",
                )
                gr.Examples(EXAMPLES, inputs=question)
            with gr.Column(scale=2):
                sources = gr.HTML(format_sources(None), label="来源", elem_id="sources")
        with gr.Tab("文档"):
            table = gr.Dataframe(
                documents_table(_info(settings)),
                headers=["标题", "城市", "年份", "类型", "片段", "重复于", "清洗", "文件"],
                interactive=False,
            )
            uploads = gr.File(
                label="上传报告（.txt / .md / .html / .pdf / .docx）", file_count="multiple", elem_id="upload"
            )
            add = gr.Button("加入索引", elem_id="add")
            result = gr.Markdown(elem_id="upload-result")
        with gr.Tab("指标"):  # every figure as a row, a chart, CSV (ui/indicators.py)
            from ui.indicators import build_tab

            build_tab(settings)

        def on_ask(message, history, c, y, t, g):
            if not (message or "").strip():
                yield history, gr.skip(), ""
                return
            for state, html in respond(message, history, c, y, t, g, ask_fn=ask_fn, settings=settings):
                yield state, html, ""

        def on_upload(files, progress=gr.Progress()):  # noqa: B008 (Gradio injects the tracker)
            progress(None, desc="清洗并建索引…")
            message = handle_upload(files, settings, build_fn, lambda m: progress(fraction_of(m), desc=m))
            info = _info(settings)
            c, y, t = _choices(info)
            return (
                message,
                documents_table(info),
                gr.update(choices=c),
                gr.update(choices=y),
                gr.update(choices=t),
            )

        def ask_json(question: str) -> dict:
            """Ask the reports a question; returns the answer as `rag ask --json` prints it."""
            try:
                return answer_to_dict(ask_fn(question, settings=settings))
            except RagError as exc:  # a readable message for the client, not "upstream app raised"
                raise gr.Error(f"{zh_error(exc)} ({exc})") from None

        inputs = [question, chat, city, year, doc_type, use_llm]
        send.click(on_ask, inputs, [chat, sources, question], api_visibility="private")
        question.submit(on_ask, inputs, [chat, sources, question], api_visibility="private")
        clear.click(lambda: ([], format_sources(None)), None, [chat, sources], api_visibility="private")
        add.click(on_upload, [uploads], [result, table, city, year, doc_type], api_visibility="private")
        gr.api(ask_json, api_name="ask")
    return app


def main(host: str = "127.0.0.1", port: int = 7860, settings: Settings | None = None) -> None:
    settings = settings or Settings.from_env()
    app = build_app(settings=settings)
    threading.Thread(target=_warm_up, args=(settings,), daemon=True).start()
    app.queue(default_concurrency_limit=8).launch(
        server_name=host, server_port=port, **launch_options(settings)
    )


def launch_options(settings: Settings) -> dict[str, Any]:
    return {
        "max_file_size": settings.max_bytes,  # larger uploads are refused by the server, never stored
        "allowed_paths": [str(settings.home / "uploads")],
        "show_error": False,
        "footer_links": [],
    }


def _warm_up(settings: Settings) -> None:
    """Load the index and the model while the server starts, so the first question does not wait."""
    from rag.api import load_index

    print("loading the index and the embedding model…", flush=True)
    try:
        load_index(settings)
    except RagError as exc:
        print(f"not loaded: {exc}", flush=True)
        return
    print("ready", flush=True)


if __name__ == "__main__":
    main()
