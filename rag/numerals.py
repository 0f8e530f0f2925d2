"""Chinese digits, the one table every numeral reader uses (years 二〇二四, figures 三点五亿, counts 两个), and the
units, multipliers and digit pattern of a figure (308亿元, 10,000人次): no imports, so any module may read them."""

from __future__ import annotations

CN_DIGITS: dict[str, int] = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    # the financial (大写) digits a sum is written in on cheques, contracts and fines: 贰拾叁万伍仟元
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}

CN_NUMERAL_CHARS = (
    "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"  # a Chinese numeral below 万, 大写 too
)
CN_TENS = "十百千拾佰仟"  # the places a Chinese numeral counts in (十, and 大写 拾)

UNITS = (
    "亿美元|万美元|美元|澳门元|澳門元|港元|港币|港幣|欧元|日元|日圆|英镑|澳元|加元|新台币|新臺幣|新加坡元|韩元|人民币|元|越南盾|卢布|卢比|比索|"
    "法郎|里拉|泰铢|林吉特|令吉|兰特|雷亚尔|里亚尔|第纳尔|迪拉姆|人次|人|户|公吨|吨|平方公里|公里|平方米|平米|立方米|个百分点|%|‰|‱|个月|个小时|个钟头|个星期|个工作日|工作日|个工作天|工作天|个|家|件|项|座|所|间|条|倍|次|名|对|"
    "年|微克|亩|公顷|千瓦时|兆瓦时|千瓦|兆瓦|辆次|辆|套|台|张|标箱|周岁|岁|天|小时|艘|头|片|部|栋|幢|株|床|桌|位|场|批次|批|只|根|处|"
    "分钟|秒|千米|厘米|毫米|米|公分|公尺|英里|英尺|海里|公斤|千克|毫克|克|毫升|千升|升|摄氏度|℃|°C|度|周|星期(?![一二三四五六日天]|$)|层|首|本|篇|种|支|集|届|架|棵|枝|朵|盆|盏|趟|班次|"
    "平方千米|km²|m²|m³|km|kg|cm|mm|斤|节|股|册|发|门|枚|颗|组|级|起|例|宗|方|包|袋|瓶|盒|罐|桶|份|把|双|粒|匹|剂|针|羽(?![毛绒球])"
)
MULTIPLIER = "万亿|亿|万|千|百"
MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"  # the month of a date, in digits or Chinese (五月, 十二月)


def month_number(month: str) -> int:
    """The number of a month written as `MONTH` matches it: 「07」, 「五」, 「十二」."""
    if month.isdigit():
        return int(month)
    return 10 + (CN_DIGITS[month[1]] if month[1:] else 0) if month.startswith("十") else CN_DIGITS[month]


NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"  # digits; 10,000 is one number
