"""Words that questions and reports write in different ways: city aliases, search synonyms, and the
canonical forms the answerer matches on. Data only; general report vocabulary, no question-specific entries.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

# City -> the names a question may use (traditional forms are converted to simplified before lookup).
CITY_ALIASES: dict[str, tuple[str, ...]] = {
    "苏州": ("苏州", "姑苏"),
    "常熟": ("常熟", "虞城"),
    "昆山": ("昆山",),
    "张家港": ("张家港",),
    "太仓": ("太仓",),
    "吴江": ("吴江",),
    "吴中": ("吴中",),
    "相城": ("相城",),
    "无锡": ("无锡",),
    "南京": ("南京",),
}
# County-level cities and districts under a prefecture: a 常熟 report that says 「苏州第一」 ranks 常熟.
PARENT_CITY = {name: "苏州" for name in ("常熟", "昆山", "张家港", "太仓", "吴江", "吴中", "相城")}

# Five-year plans and the years they cover.
FIVE_YEAR_PLANS: dict[str, tuple[int, int]] = {
    "十五": (2001, 2005),
    "十一五": (2006, 2010),
    "十二五": (2011, 2015),
    "十三五": (2016, 2020),
    "十四五": (2021, 2025),
    "十五五": (2026, 2030),
}

# (pattern in the question, words added to the keyword search text).
SYNONYMS: list[tuple[str, str]] = [
    (r"gdp|国内生产总值|经济总量|经济(?:实际|同比)?(?:打算|计划|预计|要)?(?:增长|增速)", "地区生产总值"),
    (r"r&d|研发投入|研发强度", "研究与试验发展 研发 经费支出"),
    (r"社零", "社会消费品零售总额"),
    (r"固投", "固定资产投资"),
    (r"规上", "规模以上"),
    (r"高企", "高新技术企业"),
    (r"外资", "实际使用外资"),
    (r"财险", "财产保险"),
    (r"科小|科技型中小", "科技型中小企业"),
    (r"4a", "AAAA"),
    (r"5a", "AAAAA"),
    (r"3a", "AAA"),
    (r"人均收入", "人均可支配收入"),
    (r"外贸", "进出口"),
    (r"空气质量", "优良天数 PM2.5"),
    (r"欠.{0,3}债", "债务余额"),  # 「政府还欠着多少债」 asks the debt outstanding
    (r"(?<!热)狗", "犬"),  # the spoken word for what a notice calls 犬 (「遛狗」: 携犬出户)
    (r"排(?:名)?第一|第一名|最多|最高", "首位 第一"),  # 「哪个县排第一」 meets 「居全市首位」
    (r"网上(?:卖货|卖东西|销售|零售)|网络销售|网购|网销", "网络零售"),  # 「网上卖货卖了多少」: 网络零售额
    (r"暖气|供暖|采暖|取暖", "供热"),  # 「暖气费每平米多少」 meets 「集中供热价格」
    # how long something takes to be done: a guide's 「承诺时限：…5个工作日内办结」
    (r"(?:办|批|审|办理|审批|拿到|下来).{0,8}(?:几天|多少天|多久|多长时间)", "时限 工作日 办结"),
    # 「被抓到罚多少钱」: what a notice's 法律责任 says, 「处以…罚款」, and in Taiwan 「处…罚锾」
    (r"罚(?!款|锾)", "罚款 处罚 罚锾"),
    (r"安检", "安全检查 检查时间"),  # 「燃气入户安检到哪天结束」 meets 「（一）检查时间：…至6月30日」
    (r"丢了|弄丢|丢掉", "遗失 丢失"),  # 「社保卡丢了补办」 meets 「因遗失、损坏补领的」
    (r"放榜|出成绩|出分|查分", "成绩 公布"),  # 「几时放榜」 meets 「成绩将于七月十五日公布」
    (r"春天", "春季"),
    (r"夏天", "夏季"),
    (r"秋天", "秋季"),
    (r"冬天", "冬季"),
    # 「检测站几点关门」: the hours a notice gives under 「服务时间」, 「营业时间」…
    (r"几点(?:关门|开门|下班|上班|营业|结束|开始)|几点到几点", "服务时间 营业时间 办公时间 开放时间"),
    (r"不开放|关闭", "暂停开放"),
    (r"小轿车|私家车|小汽车", "小型汽车 小型载客汽车"),
    (r"护照|港澳通行证|台湾通行证", "出入境证件 出入境管理"),
    # 「新的集日从什么时候开始执行」 meets 「本通告自二〇二六年五月一日起施行」
    (
        r"(?:什么时候|何时|哪天|几号|哪一天|啥时候).{0,6}(?:执行|施行|实施|生效)|(?:执行|施行|实施|生效).{0,4}(?:什么时候|何时|哪天|几号)",
        "施行 实施 执行 生效",
    ),
    (r"土豆|洋芋", "马铃薯"),  # a crop by its everyday name, as a 统计公报 does not write it
    (r"西红柿", "番茄"),
    (r"地瓜|红薯|白薯", "甘薯"),
    (r"苞谷|包谷|苞米", "玉米"),
    (r"造船|船厂", "船舶"),  # 「造船这一块」 is what a report calls 船舶（海工）产业
    # 「平价菜卖到什么时候」: how long a measure runs, as a notice's 「实施时间：…至10月31日」 says
    (r"(?<![从起])到(?:什么时候|何时|哪天|几号|啥时候|哪一天)(?!开始)", "实施时间 实施期限 有效期"),
    # 「去哪儿交申请」, 「在哪里办」: where a notice says it takes applications (「受理地点：…」)
    (
        r"(?:去|到|在|上)哪(?:儿|里|个地方)?(?:交|递交|提交|办|办理|申请|申报|报名)|(?:交|递交|提交|办理|申请|申报|报名)[^？?]{0,3}(?:去|到|在)哪",
        "受理地点 办理地点 受理窗口",
    ),
    (r"卖地", "国有土地使用权出让 土地出让"),  # 「卖地收了多少钱」: a budget's 「国有土地使用权出让收入」
    (r"邻居", "邻里"),  # 「邻居家办事随礼」: a notice's 「邻里、朋友之间」
    (r"[鸡鸭鹅]蛋", "禽蛋"),  # 「产了多少鸡蛋」: a statistics bulletin's 「禽蛋产量」
    # 「自己改招牌」: a notice's 「自行改造」, not 「自己的」
    (r"自己(?![的吗呢啊了也都])(?=[\u4e00-\u9fff])", "自行"),
    # when to apply by: a notice's 「申报时间：…至八月二十日」 or 「报名时间」 (「最晚哪天前要申请」)
    (
        r"(?:最晚|截止|截至|什么时候|何时|哪天|几号|啥时候).{0,6}(?:申请|申报|报名)|(?:申请|申报|报名).{0,6}(?:截止|最晚|什么时候|何时|哪天|几号|啥时候)",
        "申报 报名 截止",
    ),
]

# (pattern, canonical form): applied to questions and report sentences alike before matching words,
# so that 地区生产总值 in a report meets GDP in a question and is counted once.
CANONICAL: list[tuple[str, str]] = [
    (r"地区生产总值|国内生产总值|经济总量", "gdp"),
    # 「经济(实际)增长了多少」, 「经济打算增长多少」 ask for the GDP's growth
    (r"经济(?=(?:实际|同比)?(?:打算|计划|预计|要)?(?:增长|增速))", "gdp"),
    (r"研究与试验发展|r&d", "研发"),
    (r"规模以上", "规上"),
    (r"(?:暂停|停止|不再)(?:对外)?开放|不对外开放", "不开放"),  # 「哪个景区不开放」 meets 「暂停开放」
    (r"(?<![冬春夏秋])([春夏秋冬])天", r"\1季"),  # 「冬天几点关门」 meets 「冬季（11月1日至次年3月31日）：…」
    (
        r"小轿车|私家车|小汽车|小型载客汽车",
        "小型汽车",
    ),  # 「小轿车年检多少钱」 meets 「小型汽车（含小型载客汽车）：120元」
    # 「办护照去哪」 meets 「公安出入境证件…在出入境管理大队办理」; a 护照 stays a 护照 (not a 通行证)
    (r"护照(?!出入境证件)", "护照出入境证件"),
    (r"高新技术企业", "高企"),
    (r"(?:社会)?消费品零售总?额", "社零"),  # 「消费品零售总额」 is the same measure, its 社会 left out
    (r"固定资产投资", "固投"),
    (r"财产保险", "财险"),
    (r"营业收入", "营收"),  # 「金酒2024年营收多少」 meets 「營業收入108.6億元」
    (r"网上(?:卖货|卖东西|销售|零售)|网络销售|网购|网销", "网络零售"),  # 「网上卖货」 is 网络零售
    (r"暖气|供暖|采暖|取暖", "供热"),  # the heat a notice sells: 「暖气费」 is 供热价格
    (r"平均每[天日]|每[天日]平均", "日均"),  # 「平均每天供了多少水」 meets 「日均供水量28.6万立方米」
    # 「给商铺办登记」 meets 「非住宅类…550元」
    (r"商铺|店铺|门面房?|商业用房|写字楼|办公用房|厂房", "非住宅"),
    (r"人均可支配收入", "人均收入"),
    (r"农村(?:常住)?居民", "农民"),
    (r"进出口", "外贸"),
    (r"一般公共预算收入|地方财政收入", "财政收入"),
    (r"最低生活保障", "低保"),
    (r"轨道交通|地铁", "轨交"),
    (r"第[一1](?=[次位项届个家批任季轮场所座])", "首"),  # 第一次 is 首次, 第一项 首项, 第1场 首场
    (r"逝世|病逝|辞世|离世", "去世"),  # one death, however it is said
    (r"(?<!热)狗", "犬"),  # 「狗肩高」 meets 「成年犬肩高」
    (r"没有?(?=完成|达到|达标|实现|通过)", "未"),  # 「哪一项没完成」 meets 「未完成」
    (r"不用(?!于)|不需要?|无须|毋须|不必", "无需"),  # 「哪天起不用预约」 meets 「无需预约」
    (r"(?<![第统唯这那哪同])一([只头匹户亩])", r"每\1"),  # 「一只羊罚多少」 meets 「每只羊处以30元罚款」
    (r"(?<![第统唯这那哪同])一次(?!性)", "每次"),  # 「贴一次多少钱」 meets 「成人每次60元」
    (r"大人|成年人", "成人"),
    # power sold to the grid is what a notice calls 上网电 (「多余的电卖给电网」 meets 「余电上网」, 「上网电量」)
    (r"(?:多余的?|余下的?|剩下的?)?电卖给(?:国家)?电网|卖(?:给)?电网的电", "上网电"),
    # 「社保卡丢了」 meets 「因遗失、损坏补领的」 and 「因损坏、丢失…」
    (r"(?:弄)?丢(?:了|掉了?|失)|遗失", "遗失"),
    (r"补办|补领|补换", "补办"),  # a lost card issued again, however a notice says it
    (r"土豆|洋芋", "马铃薯"),  # 「武川去年鲜土豆产了多少」 meets 「马铃薯…鲜薯产量49.3万吨」
    (r"老年人", "老人"),  # 「失能老人家庭」 meets 「失能老年人家庭」
    (r"超级市场", "超市"),  # 「超市鸡蛋」 meets a survey of 「超级市场」
    (r"造船|船厂", "船舶"),  # 「造船这一块」 meets 「船舶海工产业」
    (r"(?:国有)?土地(?:使用权)?出让|卖地", "土地出让"),  # 「卖地收入」 is 「国有土地使用权出让收入」
    # 「农牧户自己只需缴纳20元」 is what a question asks as 「个人要掏多少」 (`COLLOQUIAL`)
    (r"自己(?=(?:只|仅)?(?:要|需要?|得|只需)?(?:交|付|缴|掏|出|承担|负担))", "个人"),
    # 「政府一共欠了多少债」: the debt outstanding
    (r"欠(?:了|着|下)?(?:多少|几)?(?:钱的?)?债(?!券)", "债务余额"),
    (r"高级中学", "高中"),  # 「高中教师资格」 meets 「申请高级中学…教师资格的」
    (r"初级中学", "初中"),
    (r"二胎", "二孩"),  # a text's 三胎 is what a notice calls 三孩 (the question's: `COLLOQUIAL`)
    (r"三胎", "三孩"),
    (r"赚(?:了|到)?|挣(?:了|到)?", "收益"),  # 「电站赚了多少钱」 asks its 收益
    # the highest speed allowed is the limit (「机车最快可以骑多快」 meets 「机车限速每小时20公里」)
    (r"最快(?:可以|能|准)?(?:开|骑|跑|行驶|驾驶)?(?:多快|多少)|最高(?:时速|车速)|速度上限", "限速"),
    (r"aaaaa级", "5a级"),
    (r"aaaa级", "4a级"),
    (r"aaa级", "3a级"),
    (r"(全社会)?研发(经费)?(支出|投入)占gdp的?比重", "研发投入强度"),  # R&D intensity, by definition
    (ALIAS_WORDS := r"又名|别名|别称|又称|俗称|亦称|也称|又叫|也叫|一名|或称|通称", "别名"),  # another name
]


# A grade, class or phase in Roman numerals is the same one in Chinese (Ⅲ级响应 is 三级响应, Ⅱ类水 二类水), an
# option by its number either way: read with `CANONICAL`, but no word of its own (a Chinese numeral is no term).
NUMBER_FORMS: list[tuple[str, str]] = [
    (r"[Ⅰⅰ](?=[级类期型])|(?<![a-z])i(?=[级类期型])", "一"),
    (r"[Ⅱⅱ](?=[级类期型])|(?<![a-z])ii(?=[级类期型])", "二"),
    (r"[Ⅲⅲ](?=[级类期型])|(?<![a-z])iii(?=[级类期型])", "三"),
    (r"[Ⅳⅳ](?=[级类期型])|(?<![a-z])iv(?=[级类期型])", "四"),
    (r"[Ⅴⅴ](?=[级类期型])|(?<![a-z])v(?=[级类期型])", "五"),
    (r"第([一二三四五六七八九])[套个种]?方案", r"方案\1"),  # 「第二套方案」 is 方案二
    (r"(?<=\d)周岁", "岁"),  # 「100周岁及以上」 is the 「100岁」 asked
]

# The words a report's title carries (「…政府工作报告」, 「…规划纲要」, 「…统计公报」): a line with one is a title, not the body
# (`rag.cleaning.boilerplate`, and a web page's <title> parts, `rag.readers.html`).
TITLE_WORDS = "报告|规划|建议|纲要|计划|意见|决定|公报"
# A document the question points into (「规划里」, 「通知上」, 「报告中」): where to look, not a kind of what is asked
DOCUMENT_WORDS = rf"{TITLE_WORDS}|预算|决算|通知|公告|通告|文件|方案|指南|简章"

# The endings of an organisation's name (a bureau, a committee, a company …): 「桂林市统计局」, 「某某研究所有限公司」.
ORGANISATION_ENDINGS = (
    "委员会|办公室|管理局|统计局|财政局|局|厅|署|部|委|办|院|所|中心|公司|集团|银行|协会|学会|基金会|联合会|"
    "大学|学院|学校|医院|电视台|报社|法院|检察院|政府|党委|调查队|支队|大队|总队|中队|血站|工作站|管理站|推广站|服务站|监测站|检测站|检查站|农技站|兽医站|水文站|气象站|防疫站|管理处|办事处|"
    # an office inside a bureau (「教育督导室」, 「人口家庭科」, 「保育研究课」 as Taiwan names one)
    "室|科|股|课"
)

# What a question asks to be told rather than named: 「有什么作用」, 「X的特点是什么」, 「什么是X」, 「做了什么」 —
# answered by the sentence that tells it (answer kind "description"), not by a two-character name.
DESCRIBED = (
    "作用|特点|特征|特色|用途|功能|功效|目的|区别|不同|差别|影响|意义|变化|好处|优势|优点|缺点|"
    "意思|含义|样子|形状|原理|过程|方式|方法|措施|经过|结果|后果|内容|主要工作|危害|寓意|定义|差异|由来|来历|"
    "症状|角色|贡献|地位|经历|表现"
)


# People by what they are: a body's head (省长, 局长, 师长, 司长, 行长 …) and the other offices a name follows
# (「市长罗建华致辞」); a question that asks an office's 名字 asks a person.
OFFICE = (
    r"[省市州县区镇乡村部厅局处科司署院校师军旅团营连队所馆站社行会庭]长|董事长|秘书长|书记|主任|主席|"
    r"总经理|总裁|大使|总统|总理"
)
ROLE = rf"{OFFICE}|秘书|代表|经理|负责人|联系人"
# People by their work or part, as 「哪个法官」, 「哪位作者」 ask them (a person, not a name of a thing)
PERSON_NOUN = (
    r"法官|审判员|审判长|检察官|律师|医生|护士|教师|老师|校长|教授|院士|专家|学者|作者|作家|诗人|画家|记者|编辑|"
    r"演员|导演|歌手|选手|运动员|球员|教练|队员|领队|队长|官员|领导|干部|同志|委员|局长|书记|人物|得主|获得者|创始人|"
    r"发言人|主持人|负责人|联系人|发起人|设计师|建筑师|工程师|科学家"
)
# The commonest Chinese surnames: a name the tagger cut after its surname (「领队为/向/东升」) is whole with it
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛"
    "樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁"
    "冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米"
    "柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)


# Cantonese question words as Hong Kong users type them, read as Mandarin before the question is parsed
# (「昂坪纜車係邊日開幕㗎」: 是哪天开幕). Written in traditional and simplified forms; 係 is 是 unless it ends 關係.
CANTONESE = (
    # 「邊個泳池」, 「邊個電話」: which pool, which number (a class noun follows), not who
    (r"[邊边]個(?=[\u4e00-\u9fff]{0,2}[池校院區区站館馆場场門门路街班組组號号線线港口話话碼码])", "哪个"),
    (r"[邊边]個|邊位", "谁"),
    (r"[邊边]度|邊處", "哪里"),
    (r"[邊边]一?日|邊一?天", "哪天"),
    (r"邊(?=[年間條座種隻])|边(?=[年间])", "哪"),
    (r"[邊边]樣|邊種|边种", "哪样"),  # 「邊樣貨品」: which goods
    (r"[幾几]多|[幾几](?=[錢钱])", "多少"),  # 「幾錢」 is how much money
    (r"入面|裏面|里面", "里"),  # 「調查入面」: in the survey
    (r"最平", "最低"),  # 「最平要幾錢」: the lowest price (平 is cheap)
    (r"[幾几]耐", "多久"),
    (r"幾時(?!間)|几时(?!间)", "什么时候"),
    (r"(?<![關关聯联幹干體体維维])[係系](?=[邊边幾几咩乜唔])|(?<![關关聯联幹干體体維维])係", "是"),
    (r"喺", "在"),
    (r"而家|而今", "现在"),
    (r"咩|乜[嘢野]", "什么"),
    (r"點樣|点样", "怎样"),
    (r"冇", "没有"),
    (r"佢", "他"),
    (r"嘅", "的"),
    (r"咗", "了"),
    (r"[㗎啩囉]", ""),
)
# Spoken Mandarin question words, read as written ones (「年报啥时候出」: 什么时候).
COLLOQUIAL = (
    (r"啥时候|啥时(?!间)|多会儿", "什么时候"),
    (r"啥子|啥", "什么"),
    (r"咋样", "怎样"),
    (r"咋", "怎么"),
    (r"(?<=\d月)(\d{1,2})号", r"\1日"),  # 「3月29号」 is the 3月29日 a notice writes
    (r"(?<=\d)平(?![方米均台])", "平方米"),  # 「120平的房子」 is 120平方米
    # 「去卢氏旅游的人有多少」, 「来莱阳旅游的有多少人」: its 游客
    (r"(?:旅游|游玩|(?<=[\u4e00-\u9fff]{2})玩|观光|旅行)的(?:人数?|(?=有|是|一?共|多少))", "游客"),
    (r"([一二三两])胎", r"\1孩"),  # 「生三胎补多少」: what a notice calls 三孩
    # livestock sold or slaughtered is what a report calls 出栏 (「卖出去多少肉鸽」 meets 「出栏肉鸽3100万羽」)
    (r"卖(?:出去|掉)?了?(?=(?:多少|几)[万千百]?[头只羽]?[生肉]?[猪牛羊鸡鸭鹅鸽兔禽])", "出栏"),
    (r"哪样(?=[\u4e00-\u9fff])", "哪种"),  # 「哪样农产品产量少了」 asks which kind
    # 「自己每年要交多少钱」: the share a notice says the person pays (「个人支付20元」)
    (r"自己(?=(?:每[年月次]|一年|一个月)?(?:要|需要?|得)?(?:交|付|缴|掏|出|承担|负担))", "个人"),
    # 「村里人一年挣多少」, 「城里人人均收入」: the 农村居民 and 城镇居民 of a report's income figures
    (r"村里人|乡下人|农村人", "农村居民"),
    (r"城里人", "城镇居民"),
    # a harvest is 打 in speech (「粮食打了多少」, 「打了多少斤粮食」): what a report calls 粮食产量
    (r"(?<=粮食)(?:一共|总共)?打了?(?=多少|几)", "产量"),
    (r"打了?(多少|几)[万千百亿]*[斤吨]?粮食?", r"粮食产量\1"),
    # fields watered are what a notice calls 灌溉面积 (「春灌一共计划浇多少亩地」 meets 「计划灌溉面积12.86万亩」)
    (r"浇(?:了|过)?(多少|几)[万千百]?亩地?", r"灌溉面积\1"),
    # 「房子一直空着没住」: what a notice calls 空置 (「连续空置满6个月以上的」)
    (r"(?:一直)?空着(?:没[人有]?住(?:人)?)?", "空置"),
)

# Words for the same people, as a question and a notice may each say them (「多少个孩子」 meets 「6850名儿童」)
SAME_PEOPLE = (("孩子", "小孩", "儿童", "少儿", "娃", "小朋友", "学童"),)
# Words for the same act, as a when-question and a notice may each say it (「最晚什么时候报名」 meets 「（一）个人申报。
# 养殖户于…至5月31日…提出申请」)
SAME_ACTS = (("报名", "申报", "申请"), ("举行", "举办"))
# Words for what an applicant brings, as a list question and a notice's heading may each say them (「要带哪些证件」
# meets 「四、申报材料」)
SAME_PAPERS = ("材料", "证件", "资料", "证明")

# Things of one kind that exclude each other, each side one pattern (canonical forms, `CANONICAL`): a clause
# that names another side and not the one asked states another thing's figure — 「农村居民人均收入29860元」
# does not answer 城镇居民's, 「女子冠军」 not the men's. How much that counts against a clause is fitted
# (the ranking cue "span:counterpart named", `rag.answer.fit.CUE_SIGNS`).
COUNTERPARTS = (
    ("城镇", "农村|农民"),
    # all residents' income is neither side's: a bulletin gives all three
    ("全体居民", "城镇居民", "农村居民"),
    # a debt outstanding is not the ceiling it is kept under (「债务余额…控制在…限额…以内」)
    ("余额", "限额"),
    ("收入", "支出"),
    ("进口", "出口"),
    ("男子|男篮|男足", "女子|女篮|女足"),
    # a man's age or share is not a woman's (「母亲要满多少岁」 is not 「男性年满60周岁」)
    ("男性|男职工|男方|男士|父亲|爸爸|丈夫|儿子", "女性|女职工|女方|女士|母亲|妈妈|妻子|女儿"),
    ("冠军", "亚军", "季军"),
    ("一期", "二期", "三期"),
    ("上半年", "下半年"),
    ("门诊", "住院"),
    ("最高", "最低"),
    (
        "成人(?!高考|教育|高等|学历|本科|专科|大专|礼)",
        "儿童|学生|老人|未成年|少儿|青少年|长者|幼儿",
    ),  # an adult's ticket is not a child's
    ("本科", "专科", "研究生"),
    ("硕士", "博士"),
    ("一般债券", "专项债券"),
    ("出生", "去世"),
    ("第一产业", "第二产业", "第三产业"),
    # a school's stage, or a grade of it (「高三学生哪天放寒假」 is not 「小学、初中：…1月15日起放寒假」; not 「正月初一至初三」,
    # 「提高三成」)
    (
        "小学",
        "初中|初[一二三](?=年级|学生|毕业|新生|考生)",
        "高中|高[一二三](?=年级|学生|毕业|新生|考生|、高)",
    ),
    ("托班", "小班", "中班", "大班"),  # a kindergarten's years: 「中班招多少插班生」 is not 「小班…150人」
    ("高考", "中考"),  # 「中考管控时间」 is not 「高考管控时间」
    (
        "罚",
        "补贴|补助|奖励",
    ),  # money taken is not money given (「罚多少钱」 is not 「四、回收补贴」's 「每辆300元」)
    ("一孩", "二孩", "三孩"),
    ("存款|存贷款", "(?<!存)贷款"),  # 「存贷款余额分别达到…」 names both
    ("常住(?:总)?人口", "户籍(?:总)?人口"),  # 「户籍总人口44.6万人」 is no 常住人口
    ("非住宅", "(?<!非)住宅"),
    ("非居民", "(?<!非)居民"),  # 「非居民用户…31.20元」 is no price for 居民
    ("(?<!人均)(?:地区生产总值|gdp)", "人均(?:地区生产总值|gdp)"),  # a place's output is not per head
    # value added is not gross output (「壶天镇GDP」 is not 「产业园…全年产值突破45亿元」)
    ("gdp|增加值", "产值"),
    # measures of a place's output and income (「旅游收入要达到多少」 is not 「一般公共预算收入达到6.8亿元」, nor 「地区
    # 生产总值…达到228亿元」, nor 「园区规模以上工业产值达到120亿元」, nor 「人均可支配收入…6.38万元」)
    ("gdp", "财政收入", "旅游(?:总)?收入", "营收", "产值", "人均收入"),
    ("全市|全区|全县|全省", "(?:市|区|县|省)本级"),  # a budget of the whole place is not its own level's
    # a budget's four accounts (「政府性基金收入预计多少」 is not 「社会保险基金收入预计47.02亿元」)
    ("一般公共预算|财政收入", "政府性基金", "国有资本经营", "社会保险基金|社保基金"),
    # after a renovation or a change is not now (「翻新以后租金多少」 is not 「现时月租约4,300元」)
    ("(?:翻新|改造|装修|建成|调整|搬迁)(?:以|之)?后", "现时|现有|现行|目前|原有|原来"),
    ("出境", "入境"),
    # a farm household's or a person's grant is not a firm's (「养牛的农户最多能拿多少」 is not 「合作社、企业最高不超过30万元」)
    ("农户|散户|个人", "企业|合作社|公司"),
    ("归母|归属于(?:上市公司股东|母公司)", "扣非|扣除非经常性损益"),
    ("本届|这届|这次|本次|此次", "上届|上一届|往届|上次"),
    ("旺季", "淡季"),
    ("寒假", "暑假"),  # a winter camp's fee or dates are not the summer one's
    ("充电", "换电"),  # charging an electric car is another service than swapping its battery
    # one social insurance is not another (「失业保险补贴标准」 is not 「基本养老保险补贴…最高不超过412元」)
    ("养老保险|养老金", "医疗保险|医保", "失业保险|失业金", "工伤保险", "生育保险"),
    ("存栏", "出栏"),  # livestock kept at the year's end is not livestock sold or slaughtered
    # 「白酒产业去年利润」 is not 「白酒产业实现营收69.5亿元」 (canonical 营收)
    ("利润", "营收|销售收入|产值"),
    # the dog days of summer are not the coldest days of winter
    ("三伏|[头初中末入]伏", "三九|冬至|数九"),
    # a licence class's fee is not another's
    ("摩托车", "(?:小型|中型|大型)(?:汽车|客车|货车|客货车)|小汽车"),
    # 「秋季转场哪天开始」 is not 「春季牲畜转场自4月1日开始」, 「秋季培训」 not the 春季 one; 「冬春季」 is both seasons'
    (
        "春季|春天|冬春季|春夏季",
        "夏季|夏天|春夏季|夏秋季",
        "秋季|秋天|夏秋季|秋冬季",
        "冬季|冬天|冬春季|秋冬季",
    ),
    ("首班", "末班"),
    ("全程", "半程"),
    ("早餐|早饭|早点", "午餐|午饭|中饭", "晚餐|晚饭"),  # a meal's price is not another meal's
    ("水田", "旱田"),  # land of one kind is rented, priced and counted apart from the other
    ("国内", "国际|境外"),
    ("工作日|平日", "周末|双休日|节假日"),
    ("民办", "公办"),
    # a province's body or record is not a city's or a county's (「被省政协采用」 is not 「市政协刊发」)
    (
        "省级|省(?=政协|人大|政府|委|纪录)",
        "(?:市|区|县)级|(?:市|区|县)(?=政协|人大|政府|委|[\u4e00-\u9fff]{0,3}纪录)",
    ),
    # last season's figure is not this one's (「上个供暖季烧了多少煤」 is not 「本供暖期计划用煤」)
    # (read in canonical form, where 供暖 and 采暖 are 供热 and 冬天 is 冬季)
    (
        "上一?个?(?:供暖|采暖|供热|[春夏秋冬])?季|上一?个?(?:供暖|采暖|供热)期|上期",
        "本(?:供暖|采暖|供热)?[季期]|这一?个?(?:供暖|采暖|供热|[春夏秋冬])?季|本年度|今冬",
    ),
    # this year's figure is not the one a clause gives for the same time last year (「去年同期…231.9万头」)
    ("今年|本年", "(?<![比较于])(?:去年|上年)同(?:期|月)"),
    ("全年", r"春季|夏季|秋季|冬季|汛期|上半年|下半年|[一二三四]季度|(?<![年\d])\d{1,2}月"),  # not a season's
)


# Years said relative to the report's (its publication year): 「今年」 is the year it was published in, 「去年」 the one
# before (`rag.query.find_year` reads them from a question, `rag.answer.candidates` from a clause).
RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}

# What a rate is per, by the kind of measure: 每斤 and 每50公斤 compare; 每亩 (of land) and 每平方米 (of a floor, a pen)
# do not — 「每平方米补多少」 is not met by 「每亩补贴80元」 (`rag.answer.candidates`).
PER_MEASURE = {
    **{"斤": "mass", "公斤": "mass", "千克": "mass", "吨": "mass", "亩": "land", "平方米": "floor"},
    # a plant's size is power, what it makes is energy (「补贴多少钱一瓦」 is no price 「每千瓦时0.5653元」)
    **{"瓦": "power", "千瓦": "power", "千瓦时": "energy", "度": "energy"},
}

# What a notice leaves to later, by the kind of answer asked: a time (「复课时间…另行通知」) or an amount (「补助标准
# 另行公布」); 「报名费处理办法另行通知」 is no amount (`rag.answer.candidates._mark_set_later`).
SLOT_SET_LATER = {
    "date": "时间|日期|时段",
    "number": "标准|金额|数额|额度|名额|价格",
}


# The vocabulary's version, recorded in each index's manifest (as the gazetteer's is): what the cleaner read titles and
# bodies' names with when the index was built. A digest of this module, so that no edit can forget to bump it.
VERSION = "lexicon-" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
