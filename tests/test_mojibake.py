"""GBK mojibake repair: snippets of the real lines per kind of event, then the whole files 000 and 001
against the truth of mojibake_repairs.md (000 checked against 003, 001 by reading)."""

import re
import unicodedata
from functools import lru_cache

import pytest

from rag.cleaning.mojibake import repair_mojibake
from rag.cleaning.mojibake_data import PLACEHOLDER, column, gbk, row, user_defined
from rag.cleaning.pinyin import strip_pinyin
from tests.conftest import sample

PUA = re.compile("[\ue000-\uf8ff]")

# (kind, raw snippet of a real line, true text; □ only where the bytes do not determine a character)
SNIPPETS = [
    (
        "lost-lead -> resync",
        "打造“蘇城善治”社會治理品牌?;\ue2a2窘ǔ删W(wǎng)絡(luò)綜合治",
        "打造“蘇城善治”社會治理品牌。基本建成網(wǎng)絡(luò)綜合治",
    ),
    (
        "lost-lead -> resync",
        "群眾停車更便捷、更從容?!扒Т迕谰印背掷m(xù)推進,累計建設",
        "群眾停車更便捷、更從容。“千村美居”持續(xù)推進,累計建設",
    ),
    (
        "lost-lead -> resync",
        "降低綜合成本810億元?!白C照分離”等商事制度改革",
        "降低綜合成本810億元。“證照分離”等商事制度改革",
    ),
    (
        "lost-lead -> annotated end",  # 000 L19 writes 六保 elsewhere
        "實做好“六穩(wěn)”工作,全面落實“六保”任務(wù),\n繼續(xù)做好“六穩(wěn)”工作、落實“六?!比蝿?wù),努力",
        "實做好“六穩(wěn)”工作,全面落實“六保”任務(wù),\n繼續(xù)做好“六穩(wěn)”工作、落實“六保”任務(wù),努力",
    ),
    (
        "false-key -> resync",
        "開展進(jìn)口冷鏈?zhǔn)称芳\ue20b斜O(jiān)管,有效鞏固",
        "開展進(jìn)口冷鏈食品集中監(jiān)管,有效鞏固",
    ),
    (
        "false-key -> resync (key never annotated)",
        "穩(wěn)健運行。堅持?jǐn)U投資、促消費",
        "穩(wěn)健運行。堅持擴投資、促消費",
    ),
    (
        "false-key -> annotated end",
        "疫情防控展現(xiàn)新?lián)\ue2fd?dāng)。堅持人民至上",
        "疫情防控展現(xiàn)新擔當(dāng)。堅持人民至上",
    ),
    ("false-key -> annotated end", "聚力政府?dāng)?shù)字化轉(zhuǎn)型", "聚力政府數(shù)字化轉(zhuǎn)型"),
    (
        "orphan-end",
        "主動對接上?!拔宕笾行摹惫δ?,加快推動滬蘇同城化",
        "主動對接上海“五大中心”功能,加快推動滬蘇同城化",
    ),
    (
        "orphan-end",
        "優(yōu)化常熟站??苛熊嚢啻?,更好發(fā)揮鐵路作用",
        "優(yōu)化常熟站停靠列車班次,更好發(fā)揮鐵路作用",
    ),
    (
        "orphan-end (folded full-width letter in the run)",
        "普惠金融風(fēng)險補償?shù)饶J?,助力?yōu)質(zhì)項目。優(yōu)化",
        "普惠金融風(fēng)險補償等模式,助力優(yōu)質(zhì)項目。優(yōu)化",
    ),
    ("swallow-end", "(江蘇?。?024年常熟市人民政府工作報告", "(江蘇省)□024年常熟市人民政府工作報告"),
    ("swallow-end", "分別下降71.5%和64.2%?!?31”專項行動", "分別下降71.5%和64.2%。“□31”專項行動"),
    (
        "lost-host",  # 000 L45: the file annotates 創(chuàng) elsewhere
        "提升,干事創(chuàng)業\n"
        "城市生活服務(wù)總?cè)肟凇疤K周到”移動客戶端上線發(fā)布。升級改造企業(yè)服務(wù)總?cè)肟?,“政策計算器”?chuàng)新做法",
        "提升,干事創(chuàng)業\n"
        "城市生活服務(wù)總入口“蘇周到”移動客戶端上線發(fā)布。升級改造企業(yè)服務(wù)總入口,“政策計算器”創(chuàng)新做法",
    ),
    (
        "PUA-deleted",
        "完成市民卡、社??ā岸ê弦弧?,發(fā)放第三代社保卡\n工貿(mào)、?;返戎攸c領(lǐng)域,深化",
        "完成市民卡、社保卡“□□合一”,發(fā)放第三代社保卡\n工貿(mào)、□□□等重點領(lǐng)域,深化",
    ),
]


@pytest.mark.parametrize(("kind", "raw", "truth"), SNIPPETS, ids=[f"{k}:{t[:8]}" for k, _, t in SNIPPETS])
def test_snippet_is_repaired_to_the_true_text(kind, raw, truth):
    text, items = repair_mojibake(raw)
    assert text == truth, kind
    assert sum(i.kind == "placeholder" for i in items) == truth.count(PLACEHOLDER)
    assert all(i.line is not None and i.before.startswith("?") for i in items)


@pytest.mark.parametrize(
    "text",
    ["真的吗?是的。", "a?b", "?", "速度?!\n", "比例(2:1)?", "童畫煥彩?益起同行", "全年增長?,", "為什麼?;"],
)
def test_a_literal_question_mark_is_left_alone(text):
    assert repair_mojibake(text) == (text, [])


@pytest.mark.parametrize("prefix", ["002", "003", "004"])
def test_text_without_mojibake_is_unchanged(prefix):
    raw = sample(prefix).read_text(encoding="utf-8")
    assert repair_mojibake(raw) == (raw, [])


def test_gbk_tables_agree_with_the_codec():
    assert gbk("發") == bytes([0xB0, 0x6C]) and gbk("a") is None
    assert "省" in column(0xA1) and "）" in row(0xA3) and "。" in column(0xA3)
    assert user_defined(0xFE, 0xBF) and user_defined(0xAF, 0xC6) and not user_defined(0xB6, 0xFE)


# ---- the real files -----------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def repaired(prefix: str) -> tuple[str, tuple]:
    text, items = repair_mojibake(sample(prefix).read_text(encoding="utf-8"))
    return text, tuple(items)


def plain(text: str) -> str:
    """Annotations stripped and full-width folded, to compare with the truth."""
    return unicodedata.normalize("NFKC", strip_pinyin(text)[0])


# (file, true text with context from mojibake_repairs.md; □ where the bytes cannot tell)
TRUTH = [
    ("000", "新擔當。堅持"),
    ("000", "冷鏈食品集中監管"),
    ("000", "810億元。“證照分離”"),
    ("000", "增長1%。跨境電商交易額、"),
    ("000", "對接上海“五大中心”功能,"),
    ("000", "64.2%。“□31”專項"),  # the 3 of “331” was swallowed with the lost trail byte
    ("000", "總入口“蘇周到”"),
    ("000", "企業服務總入口,“政策計算器”創新"),
    ("000", "落實“六保”任務,"),
    ("000", "確保“十四五”發展"),
    ("000", "堅持擴投資"),
    ("000", "法人服務總入口,推動服務政策"),
    ("000", "社會治理品牌。基本建成網絡"),
    ("000", "社區情。活動現場"),
    ("000", "龍潭公園等"),
    ("000", "的氛圍。活動現場"),
    ("000", "公益活動。活動以文藝展演、"),
    ("001", "(江蘇省)□024年"),  # the 2 of 2024 was swallowed
    ("001", "更從容。“千村美居”持續"),
    ("001", "社保卡“□□合一”,"),  # 二卡: a deleted private-use pair merged them into 定
    ("001", "幸福河湖8條。“雙碳”"),
    ("001", "縱深推進。“實”字當頭"),
    ("001", "聚力政府數字化"),
    ("001", "“揚帆出海”,"),
    ("001", "風險補償等模式,助力優質"),
    ("001", "領域實現"),
    ("001", "常熟站停靠列車班次,"),
    ("001", "工貿、□□□等重點"),  # 危化品: lead byte lost and a private-use pair deleted
]


@pytest.mark.parametrize(("prefix", "truth"), TRUTH)
def test_event_in_the_real_file_is_repaired_to_the_true_text(prefix, truth):
    assert plain(truth) in plain(repaired(prefix)[0])


@pytest.mark.parametrize(("prefix", "events"), [("000", 19), ("001", 12)])
def test_every_event_is_reported(prefix, events):
    text, items = repaired(prefix)
    assert sum(i.kind == "mojibake" for i in items) == events
    assert sum(i.kind == "placeholder" for i in items) == text.count(PLACEHOLDER)


def test_few_placeholders_and_no_question_marks_or_private_use_left():
    total = 0
    for prefix in ("000", "001"):
        text, items = repaired(prefix)
        body = text.split("【責(zé)任編輯")[0]
        assert "?" not in body and not PUA.search(body)
        assert text.count("?") == (
            1 if prefix == "000" else 0
        )  # 000 L158 童畫煥彩?益起同行: a lost middle dot
        assert body.count("“") == body.count("”")
        assert body.count("(") == body.count(")")
        total += sum(i.kind == "placeholder" for i in items)
    print(f"placeholders across 000 and 001: {total}")
    assert total <= 12


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_lines_without_events_are_unchanged(prefix):
    raw = sample(prefix).read_text(encoding="utf-8").split("\n")
    text = repaired(prefix)[0].split("\n")
    assert len(text) == len(raw)
    assert [a for a, b in zip(raw, text, strict=True) if "?" not in a] == [
        b for a, b in zip(raw, text, strict=True) if "?" not in a
    ]
