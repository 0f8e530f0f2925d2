"""What a question qualifies its figure by — a change, a bound, one of a thing, what is counted, planned or
done — and names the tagger cuts apart (qualifiers of qa_blind27's misses; invented text here)."""

from dataclasses import replace

from rag.answer import answer, spans
from rag.answer.candidates import content_terms, find_span
from rag.answer.subjects import counterpart_named
from rag.query import find_head, parse_query
from tests.test_answering import chosen, hits
from tests.test_answering_notices import NOTICE


def span_of(question: str, clause: str) -> str | None:
    query = parse_query(question)
    found, _ = find_span(query, clause, content_terms(query))
    return clause[found[0] : found[1]] if found else None


def test_the_question_model_reads_the_qualifiers():
    assert parse_query("年底常住人口跟前一年比少了多少？").change
    assert parse_query("出口比上年多了多少亿元？").change
    assert not parse_query("年底常住人口有多少？").change
    assert not parse_query("比赛奖金多少？").change
    assert parse_query("最多会被罚多少钱？").bound == "upper"
    assert parse_query("至少要交多少押金？").bound == "lower"
    assert parse_query("渔民一条船能拿多少补助？").per_one
    assert parse_query("一个月交多少物业费？").per_one
    assert not parse_query("跟前一年比少了多少？").per_one  # 前一年 is a year, not one of a thing
    assert not parse_query("一年级有几个班？").per_one
    assert parse_query("一共有几多个檔位？").counted == "档位"
    assert parse_query("打算引进几个一亿美元以上的外资大项目？").counted == "项目"
    assert parse_query("哪个献血点开得最晚？").extreme == "max"
    assert parse_query("哪个县区增速最低？").extreme == "min"
    assert parse_query("哪个县市的财政收入排第一？").extreme == "max"
    assert parse_query("县区增速是多少？").extreme is None

    # what the figure finders read of the question, typed once (no search of its text after parse_query)
    query = parse_query("一斤给多少钱？")
    assert (query.per_unit, query.rate, query.from_to) == ("斤", False, False)
    assert parse_query("多大以下才能报名？").bound_word == "以下"
    assert parse_query("利率从多少提高到多少？").from_to and parse_query("原来每月多少钱？").origin
    assert parse_query("占比提高了多少？").change_verb and parse_query("农村居民收入多少？").rural


def test_a_change_asked_is_the_figure_after_the_change_verb():
    sentence = "年末全县常住人口56.3万人，比上年末减少0.4万人。"
    query = parse_query("全县年底常住人口跟前一年比少了多少？")
    assert [span_of(query.text, part) for part in sentence.split("，")] == [None, "0.4万人"]


def test_the_bound_of_a_range_asked():
    clause = "逾期不清理的，依法处200元以上1000元以下罚款。"
    assert span_of("门前的雪不扫最多罚多少钱？", clause) == "1000元以下"
    assert span_of("门前的雪不扫最少罚多少钱？", clause) == "200元以上"


def test_one_of_a_thing_is_not_answered_by_the_total():
    text = (
        "去年休渔期结束后，全县共为1,120艘渔船发放补助168万元。"
        "对遵守休渔规定的持证渔民发放生活补助，标准为每艘渔船1,500元，休渔期结束后30日内发放。"
    )
    a = answer(parse_query("休渔期间渔民一条船能拿多少生活补助？"), hits(("六、生活补助", text), meta=NOTICE))
    assert a.short == "1,500元"


def test_a_count_with_the_generic_ge_counts_what_is_asked():
    clause = "已安排两条专线小巴路线在临时街市附近停靠"
    assert span_of("临时街市一共有多少个档位？", clause) is None  # 路线 are no 档位
    clause = "临时街市提供64个摊档，包括鲜肉10个、蔬菜18个"
    assert span_of("临时街市一共有多少个档位？", clause) == "64个"


def test_what_was_done_over_what_was_planned():
    row = "3 | 老旧供水管网改造 | 改造供水管网12公里 | 完成13.5公里 | 3920"
    assert span_of("去年供水管网实际改了多少公里？", row) == "13.5公里"
    text = "年初承诺的八件民生实事全部完成，计划投资1.96亿元，累计完成投资20,450万元。"
    a = answer(parse_query("那八件实事最后总共投了多少钱？"), hits(("民生实事", text), meta=NOTICE))
    assert chosen(a) == "20,450万元"
    a = answer(parse_query("那八件实事计划投资多少钱？"), hits(("民生实事", text), meta=NOTICE))
    assert chosen(a) == "1.96亿元"


def test_a_road_the_tagger_cuts_from_its_dao():
    clause = "署方在鲤鱼门道一幅政府用地兴建临时街市，"
    assert span_of("临时街市开在哪条路上？", clause) == "鲤鱼门道"


def test_a_body_named_by_a_two_character_word_after_whose_it_is():
    clause = "市渔政监督支队联合公安、市场监管等部门"
    assert span_of("是哪个单位联合公安设检查站？", clause) == "市渔政监督支队"
    clause = "由市环卫中心负责实施机械化清冰雪作业。"
    assert span_of("主干道上的雪由哪个单位负责清？", clause) == "市环卫中心"


def test_a_period_under_its_heading_is_no_closing_date():
    text = "三、休渔时间\n2027年5月1日12时至8月31日12时。"
    meta = replace(NOTICE, title="某县农业农村局关于实施2027年休渔期制度的通告")
    a = answer(parse_query("今年休渔到哪天几点结束？"), hits(("三、休渔时间", text), meta=meta))
    assert chosen(a).startswith("8月31日12时")


def test_a_column_of_units_gives_the_rows_figures_their_unit():
    columns, row = "产品名称 | 单位 | 产量 | 比上年增长（%）", "羊奶 | 万吨 | 36.20 | 5.1"
    assert [(row[a:b], unit) for a, b, unit in spans.header_units(columns, row)] == [
        ("36.20", "万吨"),
        ("5.1", "%"),
    ]
    assert spans.header_units("序号 | 单位 | 金额", "1 | 市环卫中心 | 12.5") == []  # bodies, not units


def test_the_top_named_before_its_rank():
    sentence = "收入超过10亿元的有4个，其中孝义市18.65亿元，居全市首位。"
    assert span_of("哪个县市的财政收入排第一？", sentence) == "孝义市"


def test_per_head_output_and_the_own_level_are_counterparts():
    assert counterpart_named("2025年gdp是多少", "人均gdp超过8.5万元")
    assert not counterpart_named("2025年人均gdp是多少", "人均gdp超过8.5万元")
    assert counterpart_named("市本级政府性基金收入是多少", "全市政府性基金预算收入完成61.80亿元")


def test_a_town_asked_is_read_whatever_stands_before_it():
    from rag.places import town_names

    assert town_names("免渡河镇去年改造了多少户老旧小区？") == [("免渡河镇", "渡河镇")]
    assert town_names("去年博克图镇新增多少？")[0][0] == "博克图镇"
    assert "乌尔其汉镇" in town_names("牙克石去年改造乌尔其汉镇供水管网多少公里")[0]
    for question in ("城镇居民人均收入多少", "全县各乡镇有多少个", "哪个镇最多", "宋应星乡试考了第几名？"):
        assert town_names(question) == [], question
    assert town_names("准备提名当镇宁县县长候选人的是哪位？") == []  # 镇宁县 is a county


def test_a_town_no_report_is_of_is_answered_only_where_it_is_named():
    from types import SimpleNamespace

    from rag.api import _town_asked

    def doc(title, text):
        return SimpleNamespace(text=text, meta=SimpleNamespace(title=title))

    index = SimpleNamespace(
        docs={
            "a": doc("某市民生实事完成情况", "实施免渡河镇至乌奴耳镇连接线等5条道路新改建工程。"),
            "b": doc("某市政府工作报告", "改造老旧小区46个、惠及居民1.38万户。"),
        }
    )
    assert _town_asked(parse_query("免渡河镇去年改造了多少户老旧小区？"), index) == ("免渡河镇",)
    assert _town_asked(parse_query("城镇居民收入多少？"), index) == ()
    # a zone (景区, 开发区…) when some text names it; the words before 开发区 named none (「原来叫开发区三号路」)
    index.docs["d"] = doc("某市旅游发展情况", "龟峰山杜鹃花节吸引游客。全市接待游客1,820万人次。")
    assert _town_asked(parse_query("龟峰山景区去年接待了多少游客？"), index)  # named, though never whole
    index.docs["d"] = doc("某市旅游发展情况", "龟峰山景区是国家4A级旅游景区。全市接待游客1,820万人次。")
    assert _town_asked(parse_query("龟峰山景区去年接待了多少游客？"), index) == ("龟峰山景区",)
    assert _town_asked(parse_query("原来叫开发区三号路的那条路，现在改叫什么？"), index) == ()
    index.docs["c"] = doc("免渡河镇2025年工作总结", "全镇改造老旧小区3个。")
    assert _town_asked(parse_query("免渡河镇去年改造了多少户老旧小区？"), index) == ()  # its own report


def test_after_a_renovation_is_not_now_and_a_road_is_no_place():
    assert counterpart_named("街市翻新以后摊位月租多少", "街市现时摊档平均月租约为4,300元")
    assert not counterpart_named("街市现时摊位月租多少", "街市现时摊档平均月租约为4,300元")
    assert parse_query("翠屏道街市翻新以后，摊位一个月租金要多少？").city is None  # 翠屏道 is a road
    assert parse_query("宜宾翠屏区去年GDP多少？").city == "翠屏"


def test_the_row_a_superlative_asks_for():
    from rag.answer import tables

    columns = "地区 | 地区生产总值（亿元） | 比上年增长（%）"
    text = "\n".join(
        [
            columns,
            "城东区 | 468.52 | 2.4",
            "城西区 | 296.14 | 3.8",
            "北山县 | 401.27 | 3.5",
            "全市 | 1,612.38 | 3.9",
        ]
    )
    start = text.index("城东区")

    def top(question):
        query = parse_query(question)
        found = tables.row_asked(query, content_terms(query), text, start, columns)
        return text[found[0] : found[1]] if found else None

    # the growth column; 全市's 3.9 adds up, it is no district
    assert top("哪个县区GDP增速最高？") == "城西区"
    assert top("哪个县区GDP增速最低？") == "城东区"
    assert top("哪个县区地区生产总值最高？") == "城东区"  # the sum's column
    assert top("城西区GDP是多少？") is None  # no superlative asked
    a = answer(parse_query("哪个县区GDP增速最高？"), hits(("一、综合", text), meta=NOTICE))
    assert chosen(a) == "城西区"


def test_a_shop_is_not_housing():
    text = "1.住宅类不动产登记费每件80元；\n2.非住宅类不动产登记费每件550元；"
    a = answer(parse_query("给商铺办不动产登记，登记费收多少？"), hits(("收费标准", text), meta=NOTICE))
    assert chosen(a) == "550元"
    a = answer(parse_query("给住宅办不动产登记，登记费收多少？"), hits(("收费标准", text), meta=NOTICE))
    assert chosen(a) == "80元"


def test_the_top_of_a_list_over_the_other_clauses_of_its_sentence():
    text = "一、本市列管公厕共1,862座，其中东区812座、北区655座、香山区395座，类别包括交通场站、市场、学校。"
    a = answer(parse_query("哪个区的公厕数量最多？"), hits(("公厕", text), meta=NOTICE))
    assert chosen(a) == "东区"


BUDGET_CAPTION = "全县一般公共预算支出安排42.15亿元，主要支出科目安排如下（单位：亿元）："
BUDGET_HEADER = "科目 | 2026年预算数 | 主要安排方向"


def test_a_tables_caption_gives_its_rows_their_unit_and_a_figure_column_answers():
    table = f"{BUDGET_CAPTION}\n{BUDGET_HEADER}\n教育 | 24.85 | 新建改扩建中小学校4所、增加学位3600个\n卫生健康 | 10.62 | 新院区建设"
    # 「预算安排」 names two columns (预算数, 安排方向); the figure asked is in the one whose cell is a figure
    a = answer(parse_query("教育方面预算安排了多少钱？"), hits(("二、2026年预算草案", table)))
    assert chosen(a) == "24.85" and a.short == "24.85亿元"


def test_a_chunk_cut_inside_a_table_reads_its_rows_under_the_header_it_was_cut_from():
    from rag.types import Hit

    rows = "城乡社区 | 15.20 | 老旧小区改造\n农林水 | 9.74 | 高标准农田建设"
    hit = hits(("二、2026年预算草案", rows))[0]
    cut = Hit(replace(hit.chunk, table_head=f"{BUDGET_CAPTION}\n{BUDGET_HEADER}"), hit.score, hit.rank)
    a = answer(parse_query("农林水预算安排了多少钱？"), [cut])
    assert chosen(a) == "9.74" and a.short == "9.74亿元"
    assert chosen(answer(parse_query("农林水预算安排了多少钱？"), [hit])) != "9.74"  # no header, no unit


def test_a_town_before_a_word_the_tagger_guessed():
    from rag.places import town_names

    assert town_names("平谷马坊镇设了几个烟花爆竹零售网点？") == [("马坊镇",)]  # cut 马坊/镇设


def test_what_a_count_of_people_counts():
    assert parse_query("运城有多少位国家级非遗代表性传承人？").counted == "传承人"
    assert parse_query("多少名工作人员到岗？").counted.endswith("人员")
    sentence = "市文化和旅游局组织戏曲、传统医药等领域的15名专家组成评审委员会"
    assert span_of("运城有多少位国家级非遗代表性传承人？", sentence) is None
    assert span_of("运城有多少位国家级非遗代表性传承人？", "全市现有国家级代表性传承人6名") == "6名"


def test_a_row_whose_parts_follow_it_is_their_sum_in_a_superlative():
    from rag.answer.candidates import table_header
    from rag.answer.tables import row_asked

    table = (  # as the cleaner writes a table's rows
        "产品名称 | 产量（万吨） | 比上年增长（%）\n--- | --- | ---\n粮食 | 108.36 | 3.2\n"
        "其中：小麦 | 61.45 | 2.6\n玉米 | 43.87 | 4.1\n甜菜 | 38.40 | 5.8"
    )
    query = parse_query("去年哪种农作物产量最高？")
    at = table.index("甜菜")
    top = row_asked(query, content_terms(query), table, at, table_header(table, at))
    assert top and table[top[0] : top[1]] == "小麦"  # 粮食 is the sum of 小麦, 玉米…
    query = parse_query("去年哪种农产品增长最快？")
    top = row_asked(query, content_terms(query), table, at, table_header(table, at))
    assert top and table[top[0] : top[1]] == "甜菜"


def test_the_top_named_after_yi():
    sentence = "今年全县百岁人瑞共86位，较去年增加7位，其中以北港镇12位最多，其次为虎尾镇9位"
    assert spans.superlative(sentence, "哪个乡镇的百岁老人最多？") == spans.superlative(
        sentence, "哪个镇最多？"
    )
    top = spans.superlative(sentence, "哪个乡镇的百岁老人最多？")
    assert top and sentence[top[0] : top[1]] == "北港镇"
    assert spans.superlative("可以免费参观，最多5人", "哪个最多？") is None  # 可以 names nothing


def test_money_in_a_currencys_name_and_what_a_grant_is_paid_in():
    assert spans.unit_matches("港币", ("元",)) and spans.unit_matches("万港幣", ("元",))
    assert spans.unit_matches("新臺幣", ("元",)) and not spans.unit_matches("万吨", ("元",))
    clause = "每名居民在計劃期間的資助上限為6,000澳門元"
    assert [clause[a:b] for a, b, _ in spans.quantities(clause)] == ["6,000澳門元"]
    assert parse_query("每人最多可以获得几多资助？").units == ("元",)
    assert parse_query("九十岁的长辈重阳礼金可以领多少？").units == ("元",)


def test_the_top_named_with_the_place_the_question_names():
    sentence = "分板块看，溧阳高新区完成21.36亿元，居各板块首位；"
    top = spans.superlative(sentence, "溧阳去年哪个板块收的财政收入最多？")
    assert top and sentence[top[0] : top[1]] == "溧阳高新区"
    assert spans.superlative("受理量居全市首位", "哪个区受理量最多？") is None  # only the question's words


def test_where_asks_no_class_of_thing():
    assert parse_query("停水期间去哪个供水点接水？").head == "供水点"  # read once, in the question model
    assert find_head("停水期间去哪里接水？") is None  # not a 里: 「五里牌社区」 is no answer for its 里
    assert find_head("去哪儿领？") is None
    assert find_head("开在哪条路上？") == "路"
    assert span_of("五里牌街道停水期间去哪里接水？", "包括五里牌社区、") != "五里"


def test_a_thing_of_a_class_is_named_by_nouns_where_it_stands():
    question = "进修计划要通过哪个平台报读课程？"
    assert span_of(question, "用于报读澳门以外地区课程的资助上限为2,000澳门元，") != "用于"
    assert span_of(question, "居民须透过「澳门公共服务一户通」报读课程，") == "澳门公共服务一户通"


def test_per_head_and_the_currency_name_no_subject():
    from rag.answer.subjects import has_own_subject

    # 「三、90岁至99岁：每人新台币2,000元。」: the grade before the colon is whose the sum is
    assert not has_own_subject("每人新台币", {"90岁": 4.0, "长辈": 2.0})
    assert has_own_subject("全社会固投", {"gdp": 2.0})


def test_another_school_year_is_a_counterpart():
    assert counterpart_named("高二学生的校服要交多少钱", "校服费：高一新生自愿征订，共380元")
    assert not counterpart_named("高一学生的校服要交多少钱", "校服费：高一新生自愿征订，共380元")
    assert not counterpart_named("高二作业本费多少", "作业本费：高一每生每学期85元，高二每生每学期80元")
    assert counterpart_named("三年级有几个班", "二年级5个班")


def test_the_most_of_a_list_named_with_the_place_asked():
    clause = "全州三七在地面积61.2万亩，其中文山市21.4万亩、砚山县18.6万亩、丘北县9.7万亩。"
    top = spans.top_of_list(clause, "文山哪个县市的三七种得最多？")  # 县市: a 县 or a 市
    assert top and clause[top[0] : top[1]] == "文山市"


def test_the_one_row_that_fell():
    from rag.answer.candidates import table_header
    from rag.answer.tables import row_asked

    table = (
        "科目 | 2026年预算数 | 比上年执行数 | 主要用途\n教育支出 | 80,650 | 增长2.8% | 义务教育\n"
        "农林水支出 | 52,400 | 下降3.3% | 高标准农田\n卫生健康支出 | 41,200 | 增长4.1% | 医共体"
    )
    at = table.index("卫生健康")
    for question, named in (
        ("今年哪一项主要支出比去年少了？", "农林水支出"),
        ("哪个科目预算数最多？", "教育支出"),
    ):
        query = parse_query(question)
        top = row_asked(query, content_terms(query), table, at, table_header(table, at))
        assert top and table[top[0] : top[1]] == named
    grew = table.replace("下降3.3%", "增长1.0%")  # no row fell: none is named
    query = parse_query("今年哪一项主要支出比去年少了？")
    assert row_asked(query, content_terms(query), grew, at, table_header(grew, at)) is None


def test_the_one_row_whose_status_the_question_says():
    from rag.answer.candidates import table_header
    from rag.answer.tables import row_asked

    table = (
        "指标名称 | 年度目标 | 完成情况 | 是否完成\n地区生产总值 | 增长5.5%左右 | 增长5.6% | 完成\n"
        "社会消费品零售总额 | 增长6% | 162.4亿元，增长5.2% | 未完成\n城镇新增就业 | 1.1万人 | 1.26万人 | 完成"
    )
    at = table.index("城镇")
    query = parse_query("去年主要指标里哪一项没完成年度目标？")  # 没完成 is 未完成
    top = row_asked(query, content_terms(query), table, at, table_header(table, at))
    assert top and table[top[0] : top[1]] == "社会消费品零售总额"
    query = parse_query("哪一项完成了目标？")  # two rows: none is named
    assert row_asked(query, content_terms(query), table, at, table_header(table, at)) is None


def test_the_row_numbered_as_the_place_asked():
    from rag.answer.candidates import table_header
    from rag.answer.tables import row_asked
    from rag.query import find_nth

    assert (find_nth("十件实事里排第三的是哪一件？"), find_nth("第12项是什么？")) == (3, 12)
    assert find_nth("第三产业占比多少？") is None and find_nth("第三批名单有哪些？") is None
    table = "序号 | 实事项目 | 投资（万元）\n1 | 老旧小区改造 | 3200\n2 | 供热管网 | 2750\n3 | 农村牧区公路 | 5580"
    at = table.index("3 |")
    query = parse_query("十件民生实事里排第三的是哪一件？")
    top = row_asked(query, content_terms(query), table, at, table_header(table, at))
    assert top and table[top[0] : top[1]] == "农村牧区公路"


def test_a_numbered_table_names_its_rows_by_their_first_cell_of_words():
    from rag.answer.candidates import table_header
    from rag.answer.tables import row_asked

    table = "序号 | 项目名称 | 申报单位\n26 | 芮城扎麻 | 芮城县文化馆\n27 | 刘氏针灸疗法 | 芮城县刘氏中医诊所"
    at = table.index("27 |")
    query = parse_query("刘氏针灸疗法是哪个单位报的？")  # names are no statuses: no row is picked for them
    assert row_asked(query, content_terms(query), table, at, table_header(table, at)) is None
    table = "序号 | 项目名称 | 投资（万元）\n1 | 老旧小区改造 | 3200\n2 | 农村牧区公路 | 5580\n3 | 供热管网 | 2750"
    at = table.index("3 |")
    query = parse_query("哪个项目投资最多？")
    top = row_asked(query, content_terms(query), table, at, table_header(table, at))
    assert top and table[top[0] : top[1]] == "农村牧区公路"  # not its number, 2


def test_a_which_question_asking_the_top_is_answered_where_the_top_is_said():
    table = "产品名称 | 产量（万吨） | 比上年增长（%）\n粮食 | 108.36 | 3.2\n其中：小麦 | 61.45 | 2.6\n甜菜 | 38.40 | 5.8"
    sown = "全年农作物播种面积268.5万亩，比上年增加3.6万亩。"
    # the words where 哪种 stands in a sentence that names no top (「农作物播种」) are trusted little
    a = answer(parse_query("哪种农作物产量最高？"), hits(("二、农业", sown), ("二、农业", table)))
    assert chosen(a) == "小麦"
    budget = (
        "科目 | 2026年预算数 | 比上年执行数\n教育支出 | 80,650 | 增长2.8%\n农林水支出 | 52,400 | 下降3.3%"
    )
    caption = "表1 2026年一般公共预算主要支出安排（单位：万元）"
    a = answer(parse_query("哪一项主要支出比去年少了？"), hits(("预算", caption), ("预算", budget)))
    assert chosen(a) == "农林水支出"


def test_a_lists_top_among_clauses_the_tagger_splits():
    sentence = "全州三七在地面积61.2万亩，比上年增长3.2%，其中文山市21.4万亩、砚山县18.6万亩、丘北县9.7万亩。"
    a = answer(parse_query("哪个县市的三七种得最多？"), hits(("二、农业", sentence)))
    assert chosen(a) == "文山市"


def test_the_class_asked_before_which_one():
    assert find_head("曲靖经济总量最大的县区是哪个？") == "县区"
    assert find_head("最大的是哪个？") is None
    clause = "其中麒麟区1012.7亿元、宣威市468.3亿元、陆良县412.5亿元"  # 县区 asks any county-level place
    top = spans.top_of_list(clause, "曲靖经济总量最大的县区是哪个？")
    assert top and clause[top[0] : top[1]] == "麒麟区"
