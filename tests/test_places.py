"""The gazetteer: every division with its level and parent, short names, and coverage by the index."""

from __future__ import annotations

import pytest

from rag.places import covered, find_place, find_places, names_of, short_name


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("苏州市", "苏州"),
        ("浦东新区", "浦东"),
        ("吴江区", "吴江"),
        ("沛县", "沛县"),  # one character left: the full name stays
        ("浙江省", "浙江"),
        ("广西壮族自治区", "广西"),
        ("延边朝鲜族自治州", "延边"),
        ("香港特别行政区", "香港"),
    ],
)
def test_short_name(name: str, short: str) -> None:
    assert short_name(name) == short


@pytest.mark.parametrize(
    ("text", "short", "level", "parent"),
    [
        ("杭州2024年GDP目标是多少", "杭州", "prefecture", "浙江"),
        ("2024年沛县工业投资目标", "沛县", "county", "徐州"),  # not 「年沛」
        ("上海市浦东新区2023年财政收入", "浦东", "county", "上海"),
        ("江苏省苏州市2021年", "苏州", "prefecture", "江苏"),  # the inner place
        ("苏州姑苏区的人口", "姑苏", "county", "苏州"),
        ("云南墨江发生5.1级地震", "墨江", "county", "普洱"),  # the county, two levels inside the province
        ("浙江的杭州和宁波", "杭州", "prefecture", "浙江"),  # the first place inside it, not the last
        ("浙江省的研发投入强度", "浙江", "province", None),
        ("义乌市小商品", "义乌", "county", "金华"),
        ("海淀区的高企数量", "海淀", "county", "北京"),
        ("虞城2024年工业投资", "常熟", "county", "苏州"),  # an alias the reports use
    ],
)
def test_find_place(text: str, short: str, level: str, parent: str | None) -> None:
    place = find_place(text)
    assert place is not None
    assert (place.short, place.level, place.parent) == (short, level, parent)


def test_everyday_words_are_no_places() -> None:
    assert find_places("今年要推动高质量发展，保障改善民生") == []
    assert find_places("张掖马拉松全马关门时间是几个小时") == [
        find_place("张掖")
    ]  # 全马/关门: no 马关 (a county)


def test_a_street_or_quarter_named_after_a_place_is_no_place() -> None:
    # a district's notice about 「紫阳片区」 is not about 紫阳县; 「南京路」 is a street
    assert find_places("关于水南街道紫阳片区国有土地上房屋征收补偿方案的公告") == []
    assert [p.short for p in find_places("上海南京路步行街")] == ["上海"]
    assert [p.short for p in find_places("苏州路网建设")] == ["苏州"]  # 路网 is a word: 苏州's road network


def test_an_ambiguous_name_is_read_with_the_place_named_beside_it() -> None:
    beijing = find_places("北京市朝阳区")
    assert [p.short for p in beijing] == ["北京", "朝阳"]
    assert beijing[1].parent == "北京"


def test_coverage_by_indexed_cities() -> None:
    changshu, hangzhou = find_place("常熟"), find_place("杭州")
    assert changshu is not None and hangzhou is not None
    held = ["苏州", "常熟", "昆山", None]
    assert covered(changshu, held)
    assert not covered(hangzhou, held)
    assert "杭州市" in names_of(hangzhou)


def test_a_zone_inside_a_place() -> None:
    from rag.places import zone_of

    suzhou = find_place("苏州工业园区2020年实际使用外资")
    assert suzhou is not None and suzhou.short == "苏州"
    assert zone_of("苏州工业园区2020年实际使用外资", suzhou) == "工业园区"
    assert zone_of("苏州2020年实际使用外资", suzhou) is None


@pytest.mark.parametrize(
    ("question", "cities", "names"),
    [
        ("内蒙古大学今年在江苏招多少人？", ["内蒙古"], "江苏"),  # another place, no report of it
        ("杭州2024年GDP目标是多少", ["常熟"], "杭州"),  # the place asked itself
        ("十堰市张湾区2024年GDP是多少", ["张湾"], None),  # the prefecture around the district asked
        ("常熟在苏州排第几", ["常熟", "苏州"], None),  # both have reports
        ("梅州客家绝杀沧州雄狮的球是谁进的？", ["梅州"], None),  # 沧州 starts a team's name here
        # the city's own notice about its district, filed under the district: its title names the city
        ("忻州这回一共给几条路定了名字？", ["忻府:忻州市人民政府关于忻府区部分道路命名的公告"], None),
        ("苏州2024年GDP目标是多少", ["常熟:2024年常熟市政府工作报告"], "苏州"),  # a county's own report
    ],
)
def test_a_place_no_report_is_of_must_be_named(question: str, cities: list[str], names: str | None) -> None:
    from types import SimpleNamespace

    from rag.api import _uncovered_place
    from rag.query import parse_query

    docs = {
        c: SimpleNamespace(
            meta=SimpleNamespace(city=c.split(":")[0], title=c.split(":")[-1]), text=c.split(":")[-1]
        )
        for c in cities
    }
    found = _uncovered_place(parse_query(question), SimpleNamespace(docs=docs))  # type: ignore[arg-type]
    assert (names in found) if names else found == ()


def test_a_county_name_inside_a_word_is_not_required() -> None:
    from types import SimpleNamespace

    from rag.api import _uncovered_place
    from rag.query import parse_query

    docs = {
        "九江": SimpleNamespace(
            meta=SimpleNamespace(city="九江", title="九江长江岸线修复"), text="九江长江岸线修复"
        )
    }
    query = parse_query("九江长江岸线修复二期总共投多少钱？")  # 江岸 is a district of 武汉 too
    assert _uncovered_place(query, SimpleNamespace(docs=docs)) == ()  # type: ignore[arg-type]


def test_a_prefecture_is_not_read_as_its_namesake_county() -> None:
    # 上饶县 lies in 上饶市: 「上饶」 alone names the prefecture, as 「上饶市上饶县」 names both
    assert [(p.name, p.level) for p in find_places("上饶紫阳片区要征收多少户")] == [("上饶市", "prefecture")]


def test_the_gazetteer_is_rebuilt_from_a_newer_list_keeping_older_names(tmp_path) -> None:
    from eval.build_divisions import build, read_new

    new = tmp_path / "adcodes.csv"
    new.write_text(
        "adcode,name,longitude,latitude\n"
        "520000000000,贵州省,,\n520200000000,六盘水市,,\n520281000000,盘州市,,\n"
        "320500000000,苏州市,,\n320576000000,苏州工业园区,,\n110100000000,北京市,,\n"
        "719002000000,新竹市,,\n710401000000,东区,,\n520281001000,某街道,,\n",
        encoding="utf-8",
    )
    rows = read_new(new)
    # a Taiwan city, not its district; no zone, no placeholder, no town
    assert rows == {
        "520000": "贵州省",
        "520200": "六盘水市",
        "520281": "盘州市",
        "320500": "苏州市",
        "719002": "新竹市",
    }
    old = {"520222": "盘县", "520221": "水城县", "520281": "盘州"}
    table = build(old, rows)
    lines = [line.split("\t") for line in table.splitlines() if line[:1].isdigit()]
    assert ["520222", "盘县", "0"] in lines  # an older name the new list does not hold is kept
    assert all(code != "520281" or name == "盘州市" for code, name, _ in lines)  # the new name wins
    assert build(old, rows) == table  # the same inputs, the same file
