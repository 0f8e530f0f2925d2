"""Question understanding: normalise, find city / year / period, target vs result, what kind of answer.

Pure functions. A follow-up such as 「那2023年呢？」 inherits the earlier question's city and topic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from rag.cleaning.normalize import to_simplified
from rag.indicators.questions import Comparison, find_comparison
from rag.lexicon import (
    CANTONESE,
    CITY_ALIASES,
    COLLOQUIAL,
    DESCRIBED,
    FIVE_YEAR_PLANS,
    PERSON_NOUN,
    RELATIVE_YEARS,
    ROLE,
    SYNONYMS,
)
from rag.numerals import CN_DIGITS, CN_NUMERAL_CHARS, MONTH, MULTIPLIER, NUMBER, UNITS, month_number
from rag.places import Place, find_places, first_place, names_of
from rag.tokenize import counts_one_character_noun, known_word, word_ends

# 「十四五」, 「十一五」; a bare 十五 is the plan only where a plan word follows (not 十五年, 十五个)
PERIOD = re.compile(r"十[一二三四五]五|十五(?=规划|计划|时期|期间|期末|末|”)")
CN_YEAR = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
SHORT_YEAR = re.compile(
    r"(?<![\dA-Za-z.第近连续前后用花历经约])([1-3]\d)(?=年(?![来内间前后左多时]))"
)  # 24年, not 用10年时间 nor PM10年均
TARGET = re.compile(r"目标|计划|预期|力争|要|将|拟|打算|争取|安排|到20\d\d年|预计|截止|期限")
RESULT = re.compile(
    r"现在|目前|当前|如今|眼下|完成|实现了|达到了|多少了|截至|期间|末|已经|实际|增长了|从.{0,12}到|由.{0,12}[到至]|获批|入选|累计|排第|位居"
)
KINDS = [
    (
        "choice",
        re.compile(r"^(?!.*(?:哪|什么|谁|多少|几)).*还是[^，,。；？?、]{1,14}[？?！!。]*$"),
    ),  # 「是A还是B」
    # 「还要带什么」, 「交什么材料」: what a guide asks to bring is its list of papers (not 「提供什么服务」)
    (
        "list",
        re.compile(
            r"哪[几两二三四五六七八九十](?![天日号])|哪些|分别|几个方面|包括什么|有哪|"
            r"(?:要|得|需要?|还要|应|须)(?:带|交|提交|准备|携带)什么|(?:带|交|提交|准备|携带)什么(?:材料|证件|资料|证明)"
        ),
    ),
    (
        "organisation",
        re.compile(r"(?:哪个|哪家|什么|哪一?级)(?:部门|单位|机构|机关)"),  # a company is asked as a name
    ),
    # (「安排在哪个镇」 asks where: 安排 is no 排)
    ("rank", re.compile(r"第几|排名|(?<![安编])排多少|位次|(?<![安编])排在|几连冠")),
    # 「董秘叫什么」: an office's or a role's name is a person's
    # 「哪个法官判的」: a person asked by their work
    (
        "person",
        re.compile(
            rf"谁|哪位|什么人|哪个人|哪名|(?:{ROLE})的?(?:叫什么|叫啥|名字|姓名)|哪一?个(?:{PERSON_NOUN})"
        ),
    ),
    (
        "date",
        re.compile(
            r"什么时候|何时|哪一年|哪年|几月|哪[一几]?天|几号|哪个月|什么日子|截止时间|时间节点|什么时间|哪个朝代|什么年代|哪个年代|何年|"
            r"(?:星期|周|礼拜)几|几点|几时(?!候)|"
            r"多少年(?=[以之][前后]出生)"  # 「多少年以前出生的老人」: born before which day
        ),
    ),
    (
        "place",
        re.compile(
            r"哪里|哪儿|在哪(?![次年天届一])|(?<!如)何处|何地|什么地方|哪个(?:地方|国家|城市|省份?|地区|州|县|镇|乡(?!镇)|村|岛)|哪国|哪座城"
        ),
    ),
    (  # 「被称为什么」, 「命名为什么」, 「成为什么」: the 为 belongs to the verb, a name is asked
        "reason",
        re.compile(r"(?<![称名成作改视选定译誉列认算分化变之])为什么|为何|什么原因|原因是|缘故|怎么会|因何"),
    ),
    (  # told, not named: 「有什么作用」, 「特点是什么」, 「什么是放线菌酮」, 「康忠做了什么」 (rag.lexicon.DESCRIBED)
        "description",
        re.compile(
            rf"什么(?:{DESCRIBED})|(?:{DESCRIBED})(?:是|为|有)?(?:什么|哪些|怎样)|^什么是|指的?是?什么|做了?什么|干了?什么|发生了?什么|怎么来的"
        ),
    ),
    # 「一共给几条路定了名字」: a count with its measure word asks a number, whatever else the question names
    ("number", re.compile(rf"(?:多少|几)(?:{MULTIPLIER})?(?:{UNITS})")),
    (
        "name",
        re.compile(
            r"叫什么|叫啥|哪所|哪部|哪件|哪首|哪派|何职|哪个|哪家|哪条|哪座|哪次|什么名|哪一|名字|名称|是什么|哪种|哪类|何种|"
            r"哪[支只场队款辆艘本张间]"  # 「哪間承建商」: 哪间 is Cantonese for 哪家
        ),
    ),
    ("number", re.compile(r"多少|几|多大|多高|多长|多重|多远|多久|多深|多宽|多快|比重|增速|增幅|强度|率")),
    ("name", re.compile(r"什么|怎样的")),  # 「打响什么品牌」; after number: 「达到什么水平」 asks a figure
    (
        "description",
        re.compile(r"怎样|如何|怎么|哪方面|有何|能否|是否|需不需|(?:吗|是|时间|日期|状况)[?？!。]*$"),
    ),  # a way, a manner, a yes/no: a clause answers
]
EXPLICIT_UNIT = re.compile(rf"(?:多少|几)(?:{MULTIPLIER})?({UNITS})")  # 多少万人 -> 人, 几个 -> 个
# people counted after 个 (博士, 运动员, 志愿者), who are also counted in 名, 人 and 位
PEOPLE_ENDS = r"人|员|者|民|生|士|师|工|妇|手|专家|官|兵|男|女|群众|客|名额|岗位|职位|席位|代表|干部|孩子|儿童|幼儿|家长|朋友|小孩|学童|宝宝"  # how a word for people ends
# (a verb of what they do may follow: 「多少个自修生考文凭试」)
PEOPLE = re.compile(
    rf"[\u4e00-\u9fff]{{0,4}}?(?:{PEOPLE_ENDS})(?=[？?，,。的了呢吗啊考报参来去在入读获拿领得]|$)"
)
PEOPLE_WORD = re.compile(rf"(?:{PEOPLE_ENDS})$")
# the measure words a count asked with the generic 个 may carry in the text
GENERIC_COUNT = tuple("个项家所座处条件种类批支部台套只张")
INCIDENTS = ("次", "件", "起", "宗")  # what 几次 counts: times, cases, incidents
DAYS = ("天", "日", "工作日")  # what 几天 counts: days, as a notice's time limits write them too
COUNTED_PEOPLE = re.compile(r"(?:多少|几)(?:名|位)?(?=[\u4e00-\u9fff])")  # 「多少工人」, 「几名学生」
# 「涨了几个点」: a rate or its change, no count; 「首付几成」: a share in tenths, written as a percentage
POINTS = re.compile(r"几个(?:百分)?点|多少个(?:百分)?点|几成|多少成")
# a ratio of parts asked (「三次产业结构」, 「城乡收入之比」): answered by 「20.5:28.0:51.5」 (spans.RATIO)
RATIO_ASKED = re.compile(r"产业结构|之比|比值|配比|三次产业比例")
TIME_PHRASE = re.compile(
    r"(?:[这那头近过]|(?<!提)前)几(?:天|年|日|个月|周)"
)  # 「过年那几天清运了多少吨」: a time, not the unit asked (「提前几天」 asks days)
SCORE_ASKED = re.compile(
    r"(?:多少|几)分(?![钟之])|分数线|录取线|多少分数"
)  # 「考多少分」, 「录取分数线」 (not a plan's 三条控制线)
# a change asked (「比上年涨了多少」, 「同比增长了多少」, 「跟前一年比少了多少」): in the measure's unit or in per cent
SUM_CHANGED = re.compile(
    r"(?:比上年|比去年|同比|较上年).{0,4}(?:涨|增|降|减|提高|多|少)|(?:涨|增长|增加|下降|减少|降低|提高|提升)了多少|"
    r"(?:比|较)[^，,。？?]{0,8}?(?:涨|增|降|减|提高|提升|多|少)了?多少|"
    r"(?<![增参追附外施再])加了?多少(?![钱个])"  # 「租金加多少」 (Cantonese 加幾多): how much it goes up
)
# a share, a rate or a change in per cent may answer (「增速多少」, 「占比」, 「涨了几成」); 降 alone is in 降水
RATE_ASKED = re.compile(
    r"率|比|占|份额|百分|%|增|减|涨|下降|降低|降了|降到|降至|跌|幅|速|点|成|便宜|贵|高了|低了|多了|少了|多[发给拿领补]|变化|指数|cpi|ppi|pmi",
    re.I,
)
# a growth rate asked, or how fast a thing grew (「哪种产品产量涨得最快」)
# (「每年要涨多少」 over a plan's years asks its 年均增长 rate, not the level)
YEARLY_RISE = (
    r"(?:每年|一年|年均|平均每年)(?:要|能|会|得|平均)?(?:涨|上涨|增加|提高)(?:了|的)?(?:多少|几)(?![钱元块])"
)
GROWTH_ASKED = re.compile(rf"增速|增幅|增长|涨幅|降幅|下降|[涨增长降跌]得最?[快慢多少]|{YEARLY_RISE}")
DECLINE_ASKED = re.compile(r"下降|减少|降低|少了|减了|负增长|回落|减产|降得|跌")
# the verbs of a change, asked or stated
CHANGE_VERBS = "提高|提升|增加|上升|下降|降低|减少|增长|增多|上调|下调"
# the measure a rate is asked per (「一斤」, 「每吨」, 「一天」; not 「一年级」)
PER_UNIT = re.compile(
    r"[每一](斤|公斤|千克|吨|亩|平方米|平米|立方米|方|度|千瓦|瓦|人|天|日|次|小时|辆|台|间|张|份)(?![级期届时])"
)
PER_NAMES = {"平米": "平方米", "方": "立方米"}  # 「每平米」 is per 平方米, 「一方水」 per 立方米
# a bound of a range asked (「最多罚多少」 meets 「100元以上500元以下」 at 500元; 「至少交多少」 at the lower one)
UPPER_ASKED = re.compile(r"最多|最高|上限|封顶|不超过|顶多|至多|最长")
LOWER_ASKED = re.compile(r"最少|最低|至少|起码|下限|最短")
# a figure per one of something asked (「一条船能拿多少」, 「每户补多少」, 「一个月交多少」), not a total
PER_ONE = re.compile(
    r"(?<![哪第同统唯这那前后上下近头末])[每一](?:个(?=月|人|家|孩子|学生)|条|艘|辆|台|户|人|名|亩|间|套|张|份|天|日|"
    r"月(?![份\d一二三四五六七八九十])|年(?!级)|斤|公斤|千克|吨|平方米|立方米|度|头|只|次(?!性))"
)
# a figure per person or household asked (「居民人均可支配收入」, 「每户补多少」): never a sum in 亿 (not 第一人民医院, 统一户口)
PER_HEAD = re.compile(r"[人户]均|每个?[人户]|(?<![第统唯同万])一个?[人户](?![口民大代])")
# a total asked (「一共要种多少棵」, 「加起来有多少」)
TOTAL_ASKED = re.compile(r"一共|总共|共计|总计|合计|加起来")
# the most or the least asked (「哪个县增速最高」, 「哪个献血点开得最晚」, 「收入排第一」): which end of a comparison
MOST = re.compile(r"最(多|高|大|少|低|快|慢|长|短|早|晚|强|重|好|热|冷)")
FIRST_ASKED = re.compile(r"排(?:名)?第一|第一名?(?:是|为)|居首|排头名")
MORE = "多高大长晚快重强好热"  # 最X asks the top; the other words (少低小短早慢冷) the bottom
# what a count asked with 个, 位 or 名 counts (「几多个档位」: 档位)
COUNTED_NOUN = re.compile(r"(?:多少|几)(?:个|位|名)([\u4e00-\u9fff])")  # 「多少个档位」, 「多少位传承人」
# what a harvest or a mine's output is counted in: weighed, or counted in pieces, never in area or money
WEIGHED = ("吨", "斤", "公斤", "千克", "克")
PIECES = tuple("辆台部件只头袋箱株枝朵盆羽匹棵")  # 8.6亿枝 of cut flowers
PRODUCE_UNITS = (*WEIGHED, *PIECES, "千瓦时", "度", "立方米", "千升", "升")  # and metered: power, water, gas
IMPLICIT_UNITS = [  # (pattern in the question, units the answer may carry) when no unit follows 多少
    (r"倍数", ("倍",)),  # 「专项债本息覆盖倍数是多少」 meets 「1.78倍」, not a sum of the debt
    # a share's change is in points (「特优级比例比去年提高了多少」 meets 「提升4.3个百分点」)
    (r"(?:比例|比重|占比|率).{0,6}(?:提高|提升|增加|上升|下降|降低|减少)了?多少", ("个百分点", "%")),
    # a share of something (「海洋经济要占到GDP的多少」 meets 「56%」, not the GDP's 1386亿元); 占地 is an area
    (r"占(?!地)(?:到|了|据)?[^，,。？?]{1,12}?的?(?:多少|几成|百分之几)", ("%",)),
    (rf"增速|增幅|增长|比重|比例|强度|率|占比|百分之|%|{YEARLY_RISE}", ("%",)),
    # what is used per unit of GDP (「单位GDP能耗要下降多少」) is an intensity, not the GDP's 156.8亿元
    (r"(?:单位|万元)(?:gdp|(?:地区)?生产总值)", ("%",)),
    (r"人次", ("人次", "人")),  # visits named (「逛金街的人次有多少」)
    # 「去旅游的人有多少」, 「去公园玩的有多少人」, 「园区去年来了多少人」, 「景区一天最多能进多少人」 count people, and
    # visits (「接待游客137.2万人次」, 「日最大承载量…1.8万人次」)
    (
        r"的人(?:有|是|共有|一共有)?多少|人数|的(?:有|是|共有|一共有)?多少人|"
        r"(?:来|去|到|逛|玩|参观|游览|接待|进|进入|入园|入场|容纳|接纳|承载)了?(?:多少|几)万?人(?!口)",
        ("人", "人次", "名", "位"),
    ),
    # 「水稻产量」 is no 28.6万亩 of fields, 「挖了多少煤」 no 元
    (r"产量|(?<![生出])(?:产|挖|采)了?多少(?![钱元])", PRODUCE_UNITS),
    (r"集装箱", ("标箱",)),
    (
        r"(?:多少|几)积分|积分(?:是|有|要|需要|得)?(?:多少|几)",
        ("分",),
    ),  # 「换一桶油要多少积分」 meets 「75分」
    # power made or used is energy (「光伏发了多少电」 meets 「发电量218.3亿千瓦时」), a plant's size is power
    (r"[发用耗供售]电量|[发用耗供售]了?(?:多少|几)[万亿]?度?电(?![费价站厂])", ("千瓦时", "度")),
    (r"装机", ("千瓦", "兆瓦")),
    # goods sold abroad are counted in money or by weight and piece (「榨菜去年出口了多少」 is no 73.2万亩 of fields)
    (r"[出进]口(?![处门额总])", ("元", "美元", *PRODUCE_UNITS)),
    (r"出栏|存栏", ("头", "只", "羽", "匹")),  # livestock is counted by the head, not in 元
    (r"(?<!旅客)吞吐量", ("吨",)),
    (r"平方公里", ("平方公里",)),
    # a size asked (「一个摊位最大能占多大地方」) is in lengths or an area (「2米×1.5米」), not 1年 or 1个
    (r"多大(?:的)?(?:地方|地儿|空间|场地|位置)|尺寸|规格", ("米", "厘米", "平方米", "亩", "m²")),
    (r"面积", ("平方公里", "平方千米", "平方米", "亩", "公顷", "km²", "m²")),
    (r"粮食", ("吨", "斤")),  # a harvest is weighed (its sown area, asked as 面积, in 亩)
    (r"全长|长度|里程|多长(?!时间)", ("公里", "千米", "米", "km")),
    (
        r"多长时间|多久|多少时间|用时|耗时|历时|时长|工期(?!间)",
        ("小时", "分钟", "秒", "天", "日", "工作日", "年", "个月", "周", "星期"),
    ),
    (r"身高|个子", ("米", "厘米", "公分", "cm")),
    (r"年龄|岁数|年纪|几岁|多少岁", ("岁",)),
    # (「最多宽减」 asks money: 多宽 of 宽减 is no width)
    (r"多高|高度|海拔|多深|深度|多宽(?![减免松])|宽度", ("米", "千米", "公里", "厘米")),
    (r"体重|重量|多重", ("公斤", "千克", "克", "斤", "吨", "kg")),
    (r"距离|多远|射程", ("公里", "千米", "米", "海里", "英里", "km")),
    (r"速度|多快|时速|限速", ("公里", "千米", "米", "节", "km")),
    (r"浓度", ("微克",)),
    (r"降水|降雨|雨量", ("毫米",)),
    (r"(?<![万千每])人口", ("人",)),  # 「每千人口托位数」 counts places per thousand people, not people
    # 「空置期间物业费按多少收」: charged at a share of the standard (「按标准的70%收取」) or at a sum
    (r"按(?:多少|几成|百分之几)(?:比例)?(?:收|交|缴|计|算|付|发|报|补)", ("%", "成", "元")),
    # a charge for paying late is a sum or a share of what is owed (「加收5%附加费」, 「按日加收万分之五的滞纳金」)
    (r"附加费|滞纳金|违约金|罚息", ("元", "%")),
    # a fee, a price, a wage is paid in money (not 免费, 消费); 「一个人一年能领多少」, 「每学期补多少」 are handed out
    # (多发多少: a rise; 「每亩免费发多少」: seed or goods given free, no money); cash carried is money
    (
        r"投资|投入|产值|增加值|总额|收入|支出|营收|营业额|销售额|零售额|成交额|税收|利税|交易额|规模|gdp|生产总值|经济总量|多少钱|金额|资金|补贴|补助|资助|礼金|津贴|慰问金|补偿|赔偿|奖金|花了?多少|花费|[债欠]|贷款|[能可]贷|借款|"
        r"[^免消]费|价格|票价|房价|面值|面额|售价|(?:收购|零售|批发|出厂|挂牌|指导|基准|单|均|备案|成交|中标|拍卖|评估|市场)价|(?:出|进)口额|[租押诊定]金|保证金|(?:付|交|缴)了?多少(?!年)|(?<![玉麦稻粮])收取?多少(?=[?？,，。]|$)|工资|薪酬|利润|损失|块钱|(?:几|多少)块(?=[?？,，。]|$)|"
        r"钱(?![塘江])|现金|掏|(?:救助|救济|抚恤)金|(?:多少|几)(?:救助|救济|抚恤)|"
        r"(?<!多)(?<!免费)[领拿发补]了?多少(?=[?？,，。]|$)",
        ("元",),
    ),
    (r"旅客|游客|客流|人流|观众|球迷", ("人次", "人")),  # after money: 「游客花了多少钱」 is 元
    (r"水资源|[用供蓄]水量|入库水量|来水量|水量", ("立方米", "吨", "升")),  # water is measured by volume
    (r"震级|(?:地震|余震).{0,6}多大", ("级",)),  # an earthquake's size is its magnitude
    (r"门诊|急诊|诊疗|就诊|接诊", ("人次",)),  # a hospital's visits (「门急诊量」), not its beds
    (r"床位|病床", ("张",)),
]
QUESTION_WORDS = re.compile(
    r"请问|想问下?|是多少|有多少|多少|是什么|什么是|什么样的?|什么|是谁|谁是|谁|怎样的|哪种|哪类|何种|哪个|哪些|哪几[个座条项类]?|哪[两二三四五六七八九十][个座条项类大]|哪位|哪家|哪间|哪条|哪座|哪次|"
    r"叫啥|叫什么|名字|第几|几[个家件项年]?|吗|呢|啊|呀|[？?！!。，,、：:“”\"「」（）()\s]"
)
NO_SUBJECT = re.compile(
    r"(?:那么|那|还有|再问|实际|完成|达到|目标|计划|预期|情况|数字|数据|结果|的|了|是|要|有|为|呢)*"
)
PHONE_ASKED = re.compile(r"电话|热线|手机号|联系方式")
CODE_ASKED = re.compile(r"代码|编码|编号|邮编|邮政编码|代号|识别号|文号")
FOLLOWUP = re.compile(r"^(那|那么|还有|再问)?.{0,14}(呢|如何|怎样|怎么样)[？?]?$")


@dataclass(frozen=True)
class Query:
    original: str
    text: str  # normalised question; for a follow-up, with the inherited city/year/topic
    search_text: str  # text plus synonyms, for keyword search
    city: str | None = None
    place: Place | None = None  # the city (or province, county, district) asked about, from the gazetteer
    # the places the question names as places, in order (「内蒙古大学在江苏」: 江苏 — 内蒙古 starts a name)
    places: tuple[Place, ...] = ()
    year: int | None = None
    relative_year: int | None = None  # 今年 0, 去年 -1, 明年 1 (relative to each report)
    period: str | None = None
    intent: str | None = None  # "target" | "result" | None
    # "number" | "name" | "list" | "rank" | "person" | "date" | "place" | "reason" | "description" | None
    kind: str | None = None
    date_unit: str | None = None  # for a date: the finest part asked, 日 | 月 | 年 (哪天, 几月, 哪年)
    month: int | None = None  # the month asked about, as the question names it (「7月份哪天」: 7)
    days_named: tuple[str, ...] = ()  # the days it names (「4月16日是哪几个镇」: 4月16日), a strong cue
    units: tuple[str, ...] = ()
    topic: str = ""  # content words without city, year and question words
    is_followup: bool = False
    comparison: Comparison | None = None  # two or more figures compared (rag.indicators.questions)
    options: tuple[str, ...] = ()  # 「是A还是B」: the answers offered (A, B, then their distinct cores)
    phone: bool = False  # 「打哪个电话」, 「急诊电话多少」: a number to call is asked, whatever the frame
    code: bool = False  # 「学校代码是多少」: a code of digits (and letters) is asked, not a quantity
    change: bool = False  # a change from an earlier level is asked (「比上年少了多少」), not the level
    bound: str | None = None  # "upper" | "lower": the bound of a range asked (「最多罚多少」, 「至少交多少」)
    per_one: bool = False  # a figure per one of something is asked (「一条船能拿多少」), not a total
    per_head: bool = False  # a figure per person or household is asked (「人均」, 「每户」)
    total: bool = False  # a total is asked (「一共要种多少棵」), not a figure per one
    counted: str = ""  # what a count asked with 个, 位 or 名 counts (「多少位传承人」: 传承人)
    decline: bool = False  # a fall is asked (「哪一项比去年少了」, 「哪种产量下降了」)
    nth: int | None = None  # the place in a list asked (「排第三的是哪一件」: 3)
    head: str | None = None  # the noun asked for (「哪个服务站」: 服务站, 「哪条路上」: 路; none for 哪里)
    extreme: str | None = None  # "max" | "min": the most (最多, 排第一) or the least (最少, 最早) is asked
    rate: bool = False  # a share, a rate or a change in per cent may answer (`RATE_ASKED`)
    growth: bool = False  # a growth rate is asked (「增速」, 「涨得最快」): a table's growth column answers
    yearly: bool = False  # a yearly rise is asked (「每年要涨多少」): a plan's 年均增长 column answers
    respective: bool = False  # the figures of several things asked at once (「三次产业增加值各是多少」)
    bound_word: str = ""  # the bound the question itself says (「多大以下」: 以下)
    per_unit: str = ""  # the measure a rate is asked per (「一斤给多少钱」: 斤)
    from_to: bool = False  # both ends of a change asked (「从多少提升到多少」)
    from_named: bool = False  # the question names where something started (从, 由)
    origin: bool = False  # the earlier level is asked (从, 由, 初, 原来, 以前), not where a change ended
    rural: bool = False  # 农村, 乡村, 农民: of 城乡 figures, the rural one
    change_verb: bool = False  # a change asked with its verb (「提高了多少」): the figure the verb gives
    term: str | None = None  # a term whose meaning is asked (「两区指的是什么」: 两区)


def normalise(question: str) -> str:
    text = unicodedata.normalize("NFKC", question)
    for pattern, mandarin in (*CANTONESE, *COLLOQUIAL):  # 「係邊日開幕㗎」 asks 是哪天开幕
        text = re.sub(pattern, mandarin, text)
    text = to_simplified(text).replace("「", "“").replace("」", "”")
    return arabic_ages(arabic_years(re.sub(r"\s+", "", text)))


def find_city(
    text: str, known_cities: Iterable[str] = (), places: Sequence[Place] | None = None
) -> str | None:
    """The city (short name) the question names first: a place of the gazetteer, an alias the
    reports use (虞城 → 常熟), or the city of an indexed report the gazetteer does not know.
    `places`: the text's places (`find_places`), when already found."""
    names = {name: city for city, aliases in CITY_ALIASES.items() for name in aliases}
    names |= {city: city for city in known_cities}
    place = first_place(find_places(text) if places is None else places)
    if place is not None:
        names |= {name: place.short for name in names_of(place)}
    found = [(text.find(name), -len(name), city) for name, city in names.items() if name in text]
    if place is not None and place.parent and any(c == place.parent for _, _, c in found):
        return place.short  # 「苏州姑苏区」: the district, not the prefecture around it
    return min(found)[2] if found else None


def named_alone(text: str, place: Place) -> bool:
    """True when the text names the place as a place, not as the start of a longer name: 「在江苏招」, 「杭州GDP」,
    but not 「沧州雄狮队」 or 「内蒙古大学」 (a noun follows it)."""
    import jieba.posseg

    for name in sorted(names_of(place), key=len, reverse=True):
        at = text.find(name)
        if at >= 0:
            after = jieba.posseg.lcut(text[at + len(name) : at + len(name) + 6])
            return not after or not after[0].flag.startswith("n")
    return False


def arabic_years(text: str) -> str:
    """二〇二四年 → 2024年, 24年 → 2024年: one spelling of years for everything downstream."""
    return SHORT_YEAR.sub(lambda m: f"20{m.group(1)}", digit_years(text))


def digit_years(text: str) -> str:
    """二〇二四年 → 2024年 (a text's years; its 24年 may be a length of time)."""
    return CN_YEAR.sub(lambda m: "".join(str(CN_DIGITS[c]) for c in m.group()), text)


# an age in Chinese numerals, one well-formed numeral (「百岁」, 「八十周岁」; not 「七八十岁」, a range)
CN_AGE = re.compile(
    r"(?<![零〇一二两三四五六七八九十百千万])((?:[一二三四五六七八九]?百)?(?:[一二三四五六七八九]?十)?[一二三四五六七八九]?)(?=周?岁)"
)


def arabic_ages(text: str) -> str:
    """百岁 → 100岁, 八十周岁 → 80周岁: ages as the tables of a notice write them (「100周岁及以上」)."""
    from rag.indicators.numbers import parse_number

    return CN_AGE.sub(lambda m: str(parse_number(m.group(1))) if m.group(1) else "", text)


def find_year(text: str) -> tuple[int | None, int | None]:
    m = re.search(r"(19|20)\d{2}(?=年|$|[^0-9])", text)
    if m:
        return int(m.group(0)), None
    for word, offset in RELATIVE_YEARS.items():
        if word in text:
            return None, offset
    return None, None


def find_period(text: str) -> str | None:
    m = PERIOD.search(text)
    return m.group() if m and m.group() in FIVE_YEAR_PLANS else None


def find_intent(text: str) -> str | None:
    target = [m.start() for m in TARGET.finditer(text)]
    result = [m.start() for m in RESULT.finditer(text)]
    if target and result:  # the later word governs: 「投资计划…完成投资…的截止时间」 asks a deadline
        return "target" if target[-1] > result[-1] else "result"
    return "target" if target else "result" if result else None


DATE_UNITS = (  # finest first: 「哪年几月几号」 asks the day
    ("时", re.compile(r"几点|几时(?!候)")),  # a clock time: 「开到几点」
    # a weekday: 「星期几闭馆」, 「每周哪一天」
    ("周", re.compile(r"(?:星期|周|礼拜)几|每个?(?:周|星期|礼拜)(?:的)?哪[一几]?天")),
    ("日", re.compile(r"哪[一几]?天|几号|几[日号]|哪一?日|几月几")),
    ("月", re.compile(r"几月|哪个?月|哪一月")),
    ("年", re.compile(r"哪一?年|何年|哪个年份|什么年份|多少年(?=[以之][前后]出生)")),
)


CHOICE = re.compile(r"还是(?P<b>[^，,。；？?、]{1,14}?)(?:呢|啊)?[？?！!。]*$")


def find_options(text: str) -> tuple[str, ...]:
    """「森林覆盖率是约束性指标还是预期性指标」 -> (约束性指标, 预期性指标, 约束, 预期): what is offered (after the
    last 是/为/在… before 还是), then each without what the two share (what tells them apart, two characters or more)."""
    m = CHOICE.search(text)
    if not m:
        return ()
    a = re.split(r"是|为|算|属于|用|选|在|到|去|从|由", text[: m.start()])[-1]
    b = re.sub(r"的$", "", m.group("b"))  # 「还是预期性的」
    if not (1 <= len(a) <= 14) or a == b or re.search(r"哪|什么|谁|多少|几", a + b):
        return ()
    return (a, b, *_cores(a, b))


def _cores(a: str, b: str) -> tuple[str, ...]:
    """What tells two options apart, two characters or more each: without what they begin and end with in common
    (约束性指标/预期性指标 -> 约束/预期); where only one carries a class noun (「约束性指标还是预期性」), the longer
    cut to the other's length first."""
    short = min(len(a), len(b))
    for x, y in ((a, b), (a[:short], b[:short])):
        head, tail = _shared(x, y), _shared(x[::-1], y[::-1])
        cores = (x[head : len(x) - tail], y[head : len(y) - tail])
        if min(map(len, cores)) >= 2 and cores != (a, b) and (head or tail):
            return cores
    return ()


def _shared(a: str, b: str) -> int:
    """How many characters two strings begin with in common."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def find_kind(text: str, options: tuple[str, ...] = ()) -> str | None:
    """The kind of answer asked for; a 「还是」 question is a choice only when `options` (find_options) offers two."""
    return next((k for k, pattern in KINDS if pattern.search(text) and (k != "choice" or options)), None)


RURAL = re.compile(r"农村|乡村|农民")  # of 城乡 figures, the rural one is asked
RESPECTIVE_ASKED = re.compile(r"(?:各|分别)(?:是|为|有|达到|完成|增长了?)?多少")
MONTH_NAMED = re.compile(
    rf"(?<![\d{CN_NUMERAL_CHARS}\-—－~～至到])({MONTH})月份?(?![\d日号底初中{CN_NUMERAL_CHARS}])"
)
# a day the question names (「4月16号」 is 4月16日 by now: COLLOQUIAL)
DAY_NAMED = re.compile(r"(?<!\d)(?:1[0-2]|[1-9])月(?:[12]\d|3[01]|[1-9])日")


def find_month(text: str) -> int | None:
    """The month the question asks about (「新兴六祖镇7月份哪天统一喷药」, 「7月份放什么电影」: 7), not a day it
    names (「5月12日前」) nor the end of a run of months (「1-5月」)."""
    m = MONTH_NAMED.search(text)
    return month_number(m.group(1)) if m else None


def find_date_unit(text: str) -> str | None:
    """The finest part of a date the question asks for: 哪天 wants the day, 几月 the month, 哪年 the year."""
    return next((unit for unit, pattern in DATE_UNITS if pattern.search(text)), None)


def find_units(text: str) -> tuple[str, ...]:
    """The unit the answer should carry: what follows 多少/几, else what the measured thing implies."""
    if POINTS.search(text):
        return ("%", "个百分点")
    if RATIO_ASKED.search(text):
        return ("比",)
    if SCORE_ASKED.search(text):
        return ("分",)  # a score in points (spans.scores)
    explicit = next(
        (m for m in EXPLICIT_UNIT.finditer(text) if not TIME_PHRASE.match(text, max(0, m.start() - 1))), None
    )
    # 「多少本科生」: 本 starts a word, it is no unit; 「多少种药」 (cut 种药) counts 药 in 种; 「几个月租金」
    # (cut 月租金) counts months of rent
    if explicit and (
        explicit.end() in word_ends(text)
        or counts_one_character_noun(text, explicit.start(1))
        or explicit.group(1) == "个月"
    ):
        if explicit.group(1) == "个" and (
            PEOPLE.match(text, explicit.end()) or PEOPLE_WORD.search(find_counted(text))
        ):  # 「多少个博士」 meets 「培养博士研究生27名」, 「多少个孩子做窝沟封闭」 「6850名儿童」
            return ("个", "名", "人", "位")
        if explicit.group(1) == "个":  # 个 counts anything: 「多少个非遗项目」 meets 「省级112项」
            return GENERIC_COUNT
        if explicit.group(1) == "次":  # 「被申请行政复议几次」 meets 「行政复议2件」
            return INCIDENTS
        if explicit.group(1) == "天":  # 「提前几天」 meets 「3日前」, 「几天内到账」 「５个工作日内」
            return DAYS
        implied = _implied_units(text)  # 「游客有多少人」 meets 「接待游客486.2万人次」 too
        if explicit.group(1) not in implied:
            return (explicit.group(1),)
        # of what a measure implies, only units of the kind named: 「产量要达到多少吨」 is weighed (斤 too), not metered
        kind = next((units for units in (WEIGHED, PIECES) if explicit.group(1) in units), implied)
        return tuple(unit for unit in implied if unit in kind)
    implied = _implied_units(text)
    counted = COUNTED_PEOPLE.search(text)
    if counted and "人" not in implied and PEOPLE_WORD.search(_noun_phrase_at(text, counted.end())):
        # 「要用多少工人」, 「多少学生在读」, 「有多少长者领到补助」 count people, not 1,500吨 or 4万元 of anything
        return ("人", "名", "位")
    if implied == ("元",) and SUM_CHANGED.search(text):
        return ("元", "%")  # 「零售总额比上年涨了多少」 meets 「比上年增长2.4%」 as well as 「增加20亿元」
    return implied


def _implied_units(text: str) -> tuple[str, ...]:
    """The units what the question measures implies (`IMPLICIT_UNITS`), or (). A share the asker states
    (「超出定额20%以上的部分，每方多少钱」) is a condition, not what is measured; so are the parts of the question
    before the one that asks (「采净率不到93%，每亩要少收多少」: money), read first."""
    text = re.sub(rf"(?:{NUMBER})\s*[%％‰]", "", text)
    asking = [part for part in re.split(r"[，,；;]", text) if re.search(r"多少|几", part)]
    part = asking[0] if len(asking) == 1 else text
    return _units_of(part) or (_units_of(text) if part != text else ())


def _units_of(text: str) -> tuple[str, ...]:
    return next((units for pattern, units in IMPLICIT_UNITS if re.search(pattern, text, re.I)), ())


# a term the question asks the meaning of (「武强“一城两区三带”里的两区指的是什么」: 两区, after its last 的)
DEFINED_ASKED = re.compile(
    r"[“\"「]?([\u4e00-\u9fff]{2,10}?)[”\"」]?(?:指的是|是指|指|说的是|都?包括|包含)(?:什么|啥|哪)"
)


def find_term(text: str) -> str | None:
    """The term whose meaning the question asks (`DEFINED_ASKED`), or None: 「同构的含义指的是什么」 asks of 同构,
    「“一城两区三带”里的两区」 of 两区."""
    asked = DEFINED_ASKED.search(text)
    term = re.sub(r"的?(?:含义|意思|意义|定义|概念)$", "", asked.group(1)) if asked else ""
    term = term.rsplit("的", 1)[-1]
    return term if len(term) >= 2 else None


# The noun a 哪个/什么 question asks for (`Query.head`)
HEAD = re.compile(
    r"哪(?![里儿])一?(?:个|条|座|家|所|项|种|支|只)?([\u4e00-\u9fff]{1,7}?)(?:[？?的呢]|$)|[“\"]?([两三四五六七八九十\d][个大项条][\u4e00-\u9fff]{1,3})[”\"]?(?:是什么|是哪|分别)"
)
GOING = re.compile(r"(?<=[\u4e00-\u9fff])(?<![未将过原后本])[去来]$")  # 去, 来 before a verb: where one goes
MEASURE_ALONE = {"个", "一"}  # 「…是哪个」: no noun after 哪
ASKED_LAST = re.compile(r"([\u4e00-\u9fff]{1,8}?)(?:是|为)哪一?[个条座家所项种支只位]?[？?]?$")
NAMED = re.compile(r"([\u4e00-\u9fff，,]+?)(?:叫什么|叫啥|的名字|的名称|名称是)")
LOCATIVE_PARTICLES = ("上", "里", "中", "内")
NEGATIONS = ("没", "没有", "未", "不")
# the tagger's tags of what is said of a noun: verbs, adverbs, prepositions, particles
SAID_FLAGS = frozenset({"v", "vd", "vg", "vi", "d", "ad", "p", "ud", "uj", "ul", "uz"})


@lru_cache(maxsize=256)  # asked again of every clause of a list (`rag.answer.spans.top_of_list`)
def find_head(question: str) -> str | None:
    """The noun the question asks for: 「哪条线」 -> 线, 「哪个科学城」 -> 科学城, 「“两个重点”是什么」 -> 两个重点,
    「建设的科学城叫什么名字」 -> 科学城; none for 哪里, 哪儿 (where, not a 里)."""
    m = HEAD.search(question)
    if m and m.group(1) and m.group(1) in MEASURE_ALONE:  # 「经济总量最大的县区是哪个」: 县区, before it
        tail = ASKED_LAST.search(question)
        if not tail:
            return None
        import jieba

        last = jieba.lcut(tail.group(1))[-1]
        return None if last in ("的", "之") else last
    if m and m.group(1) and (named_after := re.match(r"些(?:是|为|属于)([\u4e00-\u9fff]{2,})", m.group(1))):
        import jieba

        return jieba.lcut(named_after.group(1))[-1]  # 「哪些是约束性指标」: 指标, what is listed
    if m and m.group(1):
        import jieba.posseg as pseg

        words = list(pseg.cut(m.group(1)))  # 「哪家公司供的」: 公司, not 公司供
        # 「哪一项涨得最快」: a verb and its complement (「哪个会上作的」 asks a 会)
        one_verb = (
            len(words) > 1
            and len(words[0].word) == 1
            and words[0].flag.startswith("v")
            and words[1].word == "得"
        )
        if words and (words[0].flag == "d" or one_verb or words[0].word in NEGATIONS):
            return None  # 「哪一项没完成」, 「哪一项涨得最快」: no noun after 哪
        while len(words) > 1 and words[-1].flag.startswith("v"):
            words.pop()
        # what follows the noun is said of it (「哪个镇领到补贴的渔船最多」: 镇, 「哪种农作物产量最高」: 农作物产量),
        # from its first verb, adverb or preposition on (a 实验林场 is named by its verbal noun, 重要赛事 by its adjective)
        said = next(
            (
                i
                for i, w in enumerate(words)
                # a word the tagger guessed joins the noun to what is said of it (「乡镇/领后/扶资金」), not at the end
                if i
                and (
                    w.flag in SAID_FLAGS
                    or (w.flag == "a" and i == len(words) - 1)
                    or (not known_word(w.word) and i < len(words) - 1 and len(words[i - 1].word) > 1)
                )
            ),
            len(words),
        )
        head = "".join(w.word for w in words[:said])
        # a verb follows: 「哪个课去申请」 (cut 课去|申请) asks 课, where one goes
        if len(m.group(1)) > len(head):
            head = GOING.sub("", head)
        # 「在哪条路上」: 路; a 中 only as a word of its own (a 高中 keeps it)
        located = head[-1] in LOCATIVE_PARTICLES and (head[-1] != "中" or words[said - 1].word == "中")
        return head[:-1] if len(head) > 1 and located else head
    if m:
        return m.group(2)
    named = NAMED.search(question)  # 「计划建设的科学城叫什么名字」 -> 科学城
    if not named:
        return None
    import jieba

    words = jieba.lcut(re.split(r"[的之，,]", named.group(1))[-1])
    last = words[-1] if words else ""
    return (words[-2] + last if len(last) == 1 and len(words) > 1 else last) or None


NTH_ASKED = re.compile(
    r"第([一二三四五六七八九十]{1,3}|\d{1,2})(?:位|名|项|件|个|条|家)?的?(?:是|为)(?:哪|什么|谁)"
)


def find_nth(text: str) -> int | None:
    """The place in a list the question asks for (「排第三的是哪一件」: 3, 「第12项是什么」: 12), or None."""
    m = NTH_ASKED.search(text)
    if not m:
        return None
    n = m.group(1)
    if n.isdigit():
        return int(n)
    tens, ten, ones = n.partition("十")
    return (CN_DIGITS.get(tens, 1) * 10 + CN_DIGITS.get(ones, 0)) if ten else CN_DIGITS.get(n)


def find_extreme(text: str) -> str | None:
    """ "max" when the question asks the top (最多, 最高, 排第一), "min" the bottom (最少, 最低), else None."""
    most = MOST.search(text)
    if most:
        return "max" if most.group(1) in MORE else "min"
    return "max" if FIRST_ASKED.search(text) else None


def find_counted(text: str) -> str:
    """The noun a count asked with 个, 位 or 名 counts (「一共有多少个档位」: 档位), or ""."""
    m = COUNTED_NOUN.search(text)
    if not m:
        return ""
    people = re.match(rf"[\u4e00-\u9fff]{{0,10}}(?:{PEOPLE_ENDS})", text[m.start(1) :])
    if people and "个" not in m.group():  # 「多少位非遗代表性传承人」: the word for people, 传承人
        return people.group()[-3:]
    import jieba.posseg

    nouns: list[str] = []  # 「几个一亿美元以上的外资大项目」: the last noun before a verb or the end, 项目
    for word, flag in jieba.posseg.lcut(text[m.start(1) :]):
        if flag.startswith(("v", "x", "y", "p", "c", "r", "ns", "nr")) and nouns:
            break  # (a place after the things counted is where they are: 「几个…平台落户苏州」)
        if flag.startswith("n") and flag != "nr":
            nouns.append(word)
    return nouns[-1] if nouns else ""


def _noun_phrase_at(text: str, at: int) -> str:
    """The nouns (and the words that qualify them) from `at` on, to the first other word: 「大班孩子」 of
    「多少大班孩子能免保教费」, 「钱」 of 「多少钱给老人」."""
    import jieba.posseg

    words = []
    for word, flag in jieba.posseg.lcut(text[at : at + 10]):
        if not flag.startswith(("n", "a", "b", "j", "l")):
            break
        words.append(word)
    return "".join(words)


def topic_of(text: str, city: str | None, places: Sequence[Place] = ()) -> str:
    """The question's content words without its places, years and question words; a place goes by every name it
    has (「海淀区」 whole, not 区 left behind)."""
    for place in places:
        for name in sorted(names_of(place), key=len, reverse=True):
            text = text.replace(name, "")
    out = re.sub(rf"(19|20)\d{{2}}年?|{'|'.join(RELATIVE_YEARS)}", "", text)
    for name in CITY_ALIASES.get(city or "", (city,) if city else ()):
        out = out.replace(name + "市", "").replace(name, "")
    return QUESTION_WORDS.sub("", out).strip("那的")


def expand(text: str) -> str:
    extra = [words for pattern, words in SYNONYMS if re.search(pattern, text, re.I)]
    return " ".join([text, *extra])


def parse_query(
    question: str,
    *,
    history: Sequence[Query] | None = None,
    known_cities: Iterable[str] = (),
    not_places: Iterable[str] = (),
) -> Query:
    """The question understood; `not_places` are names it writes as part of a thing's name (「黄龙玉」), no place."""
    text = normalise(question)
    skipped = set(not_places)
    places = tuple(p for p in find_places(text) if p.short not in skipped)
    city = find_city(text, known_cities, places)
    year, relative = find_year(text)
    options = find_options(text)
    head = find_head(text)
    kind = find_kind(text, options)
    query = Query(
        original=question,
        text=text,
        search_text=expand(text),
        city=city,
        place=next((p for p in places if p.short == city), None),
        places=tuple(p for p in places if named_alone(text, p)),
        year=year,
        relative_year=relative,
        period=find_period(text),
        intent=find_intent(text),
        kind=kind,
        date_unit=find_date_unit(text),
        respective=bool(RESPECTIVE_ASKED.search(text)),
        month=find_month(text),
        days_named=tuple(DAY_NAMED.findall(text)),
        units=find_units(text),
        topic=topic_of(text, city, places),
        comparison=find_comparison(text, known_cities),
        options=options,
        # 「打电话问哪个课」 asks which office, not a number to call: a 哪个 question whose noun is no phone;
        # 「生命热线的旧会址在哪里」 asks a place
        phone=bool(PHONE_ASKED.search(text))
        and not (head and not PHONE_ASKED.search(head))
        and kind not in {"place", "date"},
        code=bool(CODE_ASKED.search(text)),
        change=bool(SUM_CHANGED.search(text)),
        bound="upper" if UPPER_ASKED.search(text) else "lower" if LOWER_ASKED.search(text) else None,
        per_one=bool(PER_ONE.search(text)),
        per_head=bool(PER_HEAD.search(text)),
        total=bool(TOTAL_ASKED.search(text)) and not PER_ONE.search(text),
        counted=find_counted(text),
        decline=bool(DECLINE_ASKED.search(text)),
        nth=find_nth(text),
        head=head,
        extreme=find_extreme(text),
        rate=bool(RATE_ASKED.search(text)),
        growth=bool(GROWTH_ASKED.search(text)),
        yearly=bool(re.search(YEARLY_RISE, text)),
        bound_word=bound.group() if (bound := re.search(r"以上|以下|以内", text)) else "",
        per_unit=PER_NAMES.get(per.group(1), per.group(1)) if (per := PER_UNIT.search(text)) else "",
        from_to=bool(re.search(r"[从由].{0,6}多少.{0,6}[到至]", text)),
        from_named=bool(re.search(r"从|由", text)),
        origin=bool(re.search(r"[由从]|初|起初|原来|以前", text)),
        rural=bool(RURAL.search(text)),
        change_verb=bool(re.search(f"(?:{CHANGE_VERBS})了?(?:多少|几个(?:百分)?点)", text)),
        term=find_term(text),
    )
    previous = history[-1] if history else None
    if previous is not None and _is_followup(query):
        return merge_followup(query, previous)
    return query


def _is_followup(query: Query) -> bool:
    """Elliptical: 「那2023年呢？」, 「昆山呢」, 「去年的呢」 keep the subject; 「那研发投入强度呢」 keeps the
    city and year; 「去年实际完成多少？」 names neither city nor subject. A question with its own city
    and subject is a new question, whatever its ending."""
    subject = _own_subject(query)
    if FOLLOWUP.match(query.text):
        return not (subject and query.city)
    return not subject and query.city is None and query.period is None


def _own_subject(query: Query) -> str:
    return "" if NO_SUBJECT.fullmatch(query.topic) else query.topic


def merge_followup(query: Query, previous: Query) -> Query:
    """Take what the follow-up states (city, year, subject) over the earlier values and keep the rest;
    a relative year counts from the earlier question's year (2024 -> 去年 is 2023)."""
    city = query.city or previous.city
    year = query.year if query.year is not None else previous.year
    relative = query.relative_year if query.relative_year is not None else previous.relative_year
    if query.year is None and query.relative_year is not None and previous.year is not None:
        year, relative = previous.year + query.relative_year, None
    intent = query.intent or previous.intent
    if year is not None and previous.year is not None and year < previous.year:
        intent = "result"  # an earlier year than the plan year: the achieved figure
    subject = _own_subject(query)
    topic = subject or previous.topic
    if intent != "target":
        topic = re.sub(r"目标|计划|预期|力争|要", "", topic)
    merged = parse_query("".join([city or "", f"{year}年" if year else "", topic]))
    return replace(
        merged,
        original=query.original,
        city=city,
        year=year,
        relative_year=relative,
        period=query.period or previous.period,
        intent=intent,
        kind=query.kind or previous.kind if subject else previous.kind,
        date_unit=query.date_unit or previous.date_unit,
        units=merged.units if subject else previous.units,
        topic=topic,
        is_followup=True,
    )
