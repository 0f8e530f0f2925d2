"""A generated library of report-like files for the ingest benchmark (`make bench`).

Every file is a government work report of a city and year: a title block, then paragraphs whose sentences
are drawn from the five sample reports, with the place names and every figure changed. 5% of the files are
near-copies of another one (a few figures edited, a sentence dropped): the duplicates ingest must find.
Most files are .txt; one in ten is a web page with site chrome and one in ten a Word file.

    python -m eval.bench_corpus OUT --files 1500          # write a corpus
    python -m eval.bench_corpus OUT --files 1500 --ingest real|hashing   # write and ingest it, print figures
"""

from __future__ import annotations

import argparse
import contextlib
import random
import re
import resource
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CITIES = [
    "无锡",
    "常州",
    "南通",
    "扬州",
    "镇江",
    "泰州",
    "盐城",
    "淮安",
    "宿迁",
    "徐州",
    "江阴",
    "宜兴",
    "溧阳",
    "海门",
    "启东",
    "如皋",
    "仪征",
    "高邮",
    "丹阳",
    "句容",
    "靖江",
    "泰兴",
    "兴化",
    "东台",
    "邳州",
    "新沂",
    "张家港",
    "太仓",
    "昆山",
    "常熟",
    "吴江",
    "海安",
    "金坛",
    "扬中",
    "嘉兴",
    "湖州",
    "绍兴",
    "台州",
    "温州",
    "宁波",
]
NAMES = ["王建国", "李明", "张伟", "刘洋", "陈静", "杨帆", "赵强", "周敏", "吴昊", "郑华", "孙磊", "朱琳"]
OWN_PLACES = re.compile(r"苏州|常熟|昆山")
FIGURE = re.compile(r"\d+(?:\.\d+)?")
NEAR_COPY_SHARE = 0.05


def sentence_pool() -> list[str]:
    """Body sentences of the five sample reports (clean text), each ending in 。."""
    from rag.cleaning import clean_file

    pool: list[str] = []
    for path in sorted((ROOT / "data").glob("*.txt")):
        for line in clean_file(path, 10**8).text.split("\n")[6:]:
            pool.extend(s + "。" for s in line.split("。") if 15 <= len(s) <= 160)
    return pool


def _figures(text: str, rng: random.Random) -> str:
    def change(m: re.Match[str]) -> str:
        value = float(m.group()) * rng.uniform(0.7, 1.3)
        decimals = len(m.group().split(".")[1]) if "." in m.group() else 0
        return f"{value:.{decimals}f}" if decimals else str(max(int(value), 1))

    return FIGURE.sub(change, text)


def report(rng: random.Random, pool: list[str], chars: int) -> tuple[str, str]:
    """(file stem, text) of one generated report."""
    city, year = rng.choice(CITIES), rng.randint(2012, 2025)
    head = [
        f"{year}年{city}市人民政府工作报告",
        f"──{year}年1月{rng.randint(5, 28)}日在{city}市第{rng.randint(10, 18)}届人民代表大会第{rng.randint(1, 5)}次会议上",
        f"市长{rng.choice(NAMES)}",
        "各位代表：",
        f"现在，我代表{city}市人民政府，向大会报告工作，请予审议。",
        f"{year - 1}年工作回顾",
    ]
    body: list[str] = []
    while sum(map(len, body)) < chars:
        paragraph = "".join(rng.sample(pool, rng.randint(2, 5)))
        body.append(_figures(OWN_PLACES.sub(city, paragraph), rng))
    return f"{city}_{year}_{rng.randrange(16**6):06x}", "\n".join(head + body) + "\n"


def near_copy(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    drop = rng.randrange(6, len(lines))
    sentences = lines[drop].split("。")
    lines[drop] = "。".join(s for i, s in enumerate(sentences) if i != 0 or len(sentences) < 2)
    edited = _figures(lines[-1], rng)
    return "\n".join([*lines[:-1], edited])


def _html(text: str) -> str:
    lines = text.strip().split("\n")
    paras = "\n".join(f"<p>{line}</p>" for line in lines[1:])
    return (
        f"<html><head><meta charset='utf-8'><title>{lines[0]}_政府文件_人民政府网</title></head><body>"
        "<nav><a href='/'>首页</a> <a href='/zwgk'>政务公开</a> <a href='/hdjl'>互动交流</a></nav>"
        f"<div>当前位置：首页 &gt; 政府文件</div><article><h1>{lines[0]}</h1>{paras}</article>"
        "<footer>版权所有 © 人民政府办公室 苏ICP备00000000号 联系电话：0000-00000000</footer></body></html>"
    )


def write_corpus(out: Path, files: int, *, chars: int = 900, seed: int = 13) -> dict[str, int]:
    """Write `files` reports into `out`; returns how many of each kind."""
    import docx

    rng = random.Random(seed)
    pool = sentence_pool()
    out.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    counts = {"txt": 0, "html": 0, "docx": 0, "near_copies": 0}
    for i in range(files):
        if written and rng.random() < NEAR_COPY_SHARE:
            stem, text = f"copy{i:05d}", near_copy(rng.choice(written), rng)
            counts["near_copies"] += 1
        else:
            stem, text = report(rng, pool, chars)
            written.append(text)
        kind = "html" if i % 10 == 3 else "docx" if i % 10 == 7 else "txt"
        counts[kind] += 1
        if kind == "html":
            (out / f"{stem}.html").write_text(_html(text), encoding="utf-8")
        elif kind == "docx":
            document = docx.Document()
            for line in text.strip().split("\n"):
                document.add_paragraph(line)
            document.save(str(out / f"{stem}.docx"))
        else:
            (out / f"{stem}.txt").write_text(text, encoding="utf-8")
    return counts


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ingest_corpus(folder: Path, embedder_kind: str) -> None:
    """Ingest a folder into a fresh RAG_HOME and print wall time, chunks/s and peak RSS."""
    from embeddings.fake import HashingEmbedder
    from rag.index import default_embedder
    from rag.ingest import ingest
    from rag.settings import Settings

    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env(home=Path(home))
        embedder = HashingEmbedder() if embedder_kind == "hashing" else default_embedder(settings)
        embedder.embed_query("预热")
        t0 = time.perf_counter()
        report = ingest([folder], settings, embedder=embedder, progress=False)
        took = time.perf_counter() - t0
    statuses: dict[str, int] = {}
    for f in report.files:
        statuses[f.status] = statuses.get(f.status, 0) + 1
    print(
        f"ingest {len(report.files):>6} files ({embedder_kind} embedder): {took:8.1f} s  "
        f"{report.chunks:>6} chunks  {report.chunks / took:7.1f} chunks/s  {len(report.files) / took:6.1f} files/s  "
        f"peak RSS {peak_rss_mb():6.0f} MB  {statuses}",
        flush=True,
    )


def dedup_run(folder: Path, label: str) -> None:
    """Clean every file of a corpus, then time near-duplicate detection over all of them (signatures
    computed from scratch) and the incremental check of 100 more reports against them."""
    from rag.cleaning import clean_file, dedup
    from rag.errors import CleaningError

    files = sorted(folder.iterdir())
    t0 = time.perf_counter()
    docs = []
    for path in files:
        with contextlib.suppress(CleaningError):
            docs.append(clean_file(path, 10**8))
    clean = time.perf_counter() - t0
    dedup._signatures.clear()
    t0 = time.perf_counter()
    found = dedup.find_duplicates(docs)
    took = time.perf_counter() - t0
    kept = [d for d in docs if d.doc_id not in found]
    t0 = time.perf_counter()
    for doc in docs[:100]:
        dedup.duplicate_of(doc, kept)
    incremental = time.perf_counter() - t0
    print(
        f"{label}: clean {len(files)} files {clean:6.1f} s ({len(files) / clean:5.1f} files/s)  "
        f"dedup {took:6.2f} s ({len(found)} near-duplicates)  100 more against {len(kept)}: {incremental:5.2f} s  "
        f"peak RSS {peak_rss_mb():5.0f} MB",
        flush=True,
    )


def dedup_generated(n: int, chars: int = 900, seed: int = 5) -> float:
    """Detection alone over `n` generated reports (texts made in memory, not cleaned): seconds."""
    from dataclasses import replace

    from rag.cleaning import clean_file, dedup

    rng = random.Random(seed)
    pool = sentence_pool()
    base = clean_file(next((ROOT / "data").glob("001_*.txt")), 10**8)
    texts = [report(rng, pool, chars)[1] for _ in range(n)]
    texts += [near_copy(rng.choice(texts), rng) for _ in range(int(n * NEAR_COPY_SHARE))]
    docs = [replace(base, doc_id=f"g{i:07d}", text=t) for i, t in enumerate(texts)]
    dedup._signatures.clear()
    t0 = time.perf_counter()
    found = dedup.find_duplicates(docs)
    took = time.perf_counter() - t0
    print(
        f"dedup of {len(docs):,} generated reports (in memory): {took:6.2f} s  "
        f"({len(found)} near-duplicates of {int(n * NEAR_COPY_SHARE)} made; target <= 30 s for 10,000)",
        flush=True,
    )
    return took


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=1500)
    parser.add_argument("--chars", type=int, default=900, help="body characters per report")
    parser.add_argument("--ingest", choices=["real", "hashing"], help="then ingest it with this embedder")
    args = parser.parse_args()
    if not (args.out.exists() and any(args.out.iterdir())):
        counts = write_corpus(args.out, args.files, chars=args.chars)
        print(f"wrote {args.files} files into {args.out}: {counts}", flush=True)
    if args.ingest:
        ingest_corpus(args.out, args.ingest)


if __name__ == "__main__":
    main()
