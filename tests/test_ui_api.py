"""The Gradio API through gradio_client, alone and with ten concurrent clients (slow)."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest

import rag
from rag.api import answer_to_dict

pytestmark = pytest.mark.slow

CASES = {
    "常熟2024年工业投资目标是多少": "308亿元",
    "昆山之链(恋)慢行环线全长多少公里？": "56公里",
    "苏州2021年工业投资目标是多少？": "1700亿元",
    "常熟港一年的货物吞吐量有多少?": "6250万吨",
    "常熟2024年R&D投入强度要达到多少?": "4.15%左右",
    "昆山2022年要引进多少个超亿美元的外资项目?": "10个",
    "今年昆山海绵城市面积要新增多少?": "2.5平方公里",
    "2020年苏州工业投资完成多少？": "1528亿元",
    "想问下苏州2020年PM2.5平均浓度是多少？": "33微克",
    "常熟2024年每万人口高价值发明专利拥有量的目标是多少?": "23.3件",
}


def _predict(url, question):
    from gradio_client import Client

    result = Client(url, verbose=False).predict(question, api_name="/ask")
    return json.loads(result) if isinstance(result, str) else result


def test_api_answers_like_ask(server_url, sample_settings):
    got = _predict(server_url, "常熟2024年工业投资目标是多少")
    want = answer_to_dict(rag.ask("常熟2024年工业投资目标是多少", settings=sample_settings))
    assert got["short"] == want["short"] == "308亿元"
    assert got["text"] == want["text"] and got["citations"] == want["citations"]


def test_ten_concurrent_clients_get_their_own_answers(server_url):
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = dict(zip(CASES, pool.map(lambda q: _predict(server_url, q)["short"], CASES), strict=True))
    assert results == CASES
