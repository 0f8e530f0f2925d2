"""The UI with generated answers: the toggle only when an endpoint is configured, tokens streamed, then
the verified answer with the removed sentences behind a click (stub ask(), no server)."""

from dataclasses import replace

import pytest

from rag import QuestionError, Settings
from tests.test_ui import ANSWER, StubAsk
from ui.app import respond
from ui.render import answer_html

REMOVED = {"sentence": "比上年增长77.7%[1]。", "reason": "77.7% not in [1]"}
GENERATED = replace(
    ANSWER, text="常熟2024年工业投资目标为308亿元[1]。", mode="generated", removed=(REMOVED,), model="qwen2.5"
)


class StreamingAsk(StubAsk):
    """Sends the model's raw text token by token through on_token, then returns the verified answer."""

    def __call__(self, question, **kwargs):
        if kwargs.get("on_token"):
            for piece in ("常熟2024年", "工业投资目标为308亿元[1]。", "比上年增长77.7%[1]。"):
                kwargs["on_token"](piece)
        return super().__call__(question, **kwargs)


def test_tokens_stream_then_the_verified_answer_replaces_them():
    stub = StreamingAsk(GENERATED)
    steps = [
        history[-1]["content"]
        for history, _ in respond("常熟2024年工业投资目标是多少", [], use_llm=True, ask_fn=stub)
    ]
    assert steps[:3] == [
        "常熟2024年 ▌",
        "常熟2024年工业投资目标为308亿元[1]。 ▌",
        "常熟2024年工业投资目标为308亿元[1]。比上年增长77.7%[1]。 ▌",
    ]
    final = steps[-1]
    assert final.startswith('常熟2024年工业投资目标为308亿元<a href="#src-1" class="cite">[1]</a>。')
    assert "<details" in final and "<del>比上年增长77.7%[1]。</del>（77.7% not in [1]）" in final
    assert "由 qwen2.5 生成" in final
    assert stub.calls[0][1]["llm"] is True


def test_without_the_toggle_the_model_is_not_asked():
    stub = StreamingAsk(ANSWER)
    list(respond("q", [], ask_fn=stub))
    assert "llm" not in stub.calls[0][1] and "on_token" not in stub.calls[0][1]


def test_an_error_while_generating_is_a_chat_message():
    history, _ = list(respond("q", [], use_llm=True, ask_fn=StreamingAsk(error=QuestionError("坏问题"))))[-1]
    assert history[-1] == {"role": "assistant", "content": "⚠️ 坏问题"}


def test_a_fallback_note_is_shown_under_the_extractive_answer():
    note = "生成式回答不可用（无法连接 http://127.0.0.1:9/v1），以下为抽取式答案。"
    out = answer_html(replace(ANSWER, note=note))
    assert note in out and "<details" not in out


@pytest.mark.parametrize(("url", "shown"), [(None, False), ("http://127.0.0.1:11434/v1", True)])
def test_the_toggle_is_shown_only_with_an_endpoint(tmp_path, url, shown):
    from ui.app import build_app

    app = build_app(ask_fn=StubAsk(), settings=Settings.from_env({}, home=tmp_path, llm_url=url))
    (box,) = [c for c in app.blocks.values() if getattr(c, "elem_id", None) == "use-llm"]
    assert box.visible is shown and box.value is shown
