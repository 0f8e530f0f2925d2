"""Every text the generator sends to the model or shows to a user, kept here as data.

`PASSAGE` is filled once per numbered passage, `USER` once per question; `SYSTEM` states the rules the
verifier (`rag.generate.verify`) then enforces in code. `NOTES` are the one-line notes of a fallback.
"""

from __future__ import annotations

REFUSAL = "根据所给段落无法回答这个问题。"

SYSTEM = (
    "你是政府工作报告问答助手。只根据用户给出的编号段落回答，不要使用段落以外的知识。\n"
    "规则：\n"
    "1. 用简短的中文回答，一到三句话。\n"
    "2. 每句话以它所依据段落的编号结尾，例如“……308亿元[1]。”；依据多个段落时写“[1][2]”。\n"
    "3. 数字、单位和百分比必须从段落中原样照抄，不要换算、估算或四舍五入。\n"
    f"4. 如果段落不能回答问题，只回答这一句：{REFUSAL}"
)

PASSAGE = "{title}（{city}，{year}，{section}）\n{text}"
NUMBERED = "[{n}] {passage}"

USER = "段落：\n{passages}\n\n问题：{question}\n回答（每句话结尾标注段落编号）："

# Labels of the prompt: a sentence that starts with one copies the prompt instead of answering.
PROMPT_LABELS = ("段落", "问题")
ANSWER_LABELS = ("回答", "答")  # 「回答：…」: the label is dropped, the answer checked
MIN_CHARS = 4  # a sentence needs at least this many letters, digits or 汉字 besides its markers

# The one-line notes shown with an extractive answer when the generated one cannot be used.
NOTES = {
    "refused": "模型认为所给段落不能回答，以下为抽取式答案。",
    "nothing_kept": "生成的回答没有一句通过核验（见“已删除”），以下为抽取式答案。",
    "failed": "生成式回答不可用（{reason}），以下为抽取式答案。",
    "coverage": "报告库里没有能回答这个问题的报告，未调用模型。",
}

# Why a generated sentence was removed.
REASONS = {
    "no_citation": "no citation",
    "too_short": "too short",
    "echo": "repeats the prompt",
    "out_of_range": "{marker} out of range (passages 1–{n})",
    "not_found": "{number} not in {cited}",
}
