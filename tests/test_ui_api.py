"""The Gradio API (`/ask`) through gradio_client, alone and with ten concurrent clients (slow).

Read-only, so it uses the sample index and `rag serve` of conftest.py (built and started once)."""

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


@pytest.fixture(scope="module")
def client(server_url):
    from gradio_client import Client

    return Client(server_url, verbose=False)


def _predict(url, question):
    from gradio_client import Client

    result = Client(url, verbose=False).predict(question, api_name="/ask")
    return json.loads(result) if isinstance(result, str) else result


def test_ask_is_a_named_endpoint(client):
    api = client.view_api(print_info=False, return_format="dict")
    assert list(api["named_endpoints"]) == ["/ask"]  # the UI's own handlers stay private


def test_api_answers_like_ask(client, sample_settings):
    question = "常熟2024年工业投资目标是多少"
    got = client.predict(question, api_name="/ask")
    got = json.loads(got) if isinstance(got, str) else got
    want = answer_to_dict(rag.ask(question, settings=sample_settings))
    assert got["short"] == want["short"] == "308亿元"
    assert got["text"] == want["text"] and got["citations"] == want["citations"]
    assert got["citations"][0]["title"] == "2024年常熟市人民政府工作报告"


def test_api_error_is_a_readable_message(client):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="问题是空的"):
        client.predict("   ", api_name="/ask")


def test_ten_concurrent_clients_get_their_own_answers(server_url):
    with ThreadPoolExecutor(max_workers=10) as pool:
        results = dict(zip(CASES, pool.map(lambda q: _predict(server_url, q)["short"], CASES), strict=True))
    assert results == CASES
