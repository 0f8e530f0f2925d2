"""The public API: `ask`, `build_index`, `load_index` (re-exported by `rag`)."""

from __future__ import annotations

import os
import re
import threading
import time
import unicodedata
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, replace
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.inputs import MAX_QUESTION_CHARS, check_filters, check_history, check_question
from rag.settings import Settings
from rag.types import Answer, Hit

if TYPE_CHECKING:
    from rag.index import Index
    from rag.ingest import IngestReport
    from rag.places import Place
    from rag.query import Query

HITS_KEPT = 10  # hits searched at least (the answer picks from them); RAG_TOP_K of them are returned

_lock = threading.Lock()
_indexes: dict[tuple[str, str, str], tuple[int, Index]] = {}


def load_index(settings: Settings | None = None, *, embedder: Any = None) -> Index:
    """Load the index of `settings.home` once per process and reuse it until the folder changes."""
    from rag.index import load_index as _load

    settings = settings or Settings.from_env()
    key = _cache_key(settings)
    stamp = _manifest_stamp(settings)
    with _lock:
        cached = _indexes.get(key)
        if cached is not None and embedder is None and cached[0] == stamp:
            return cached[1]
        index = _load(settings, embedder=embedder)
        _indexes[key] = (stamp, index)
        return index


def _cache_key(settings: Settings) -> tuple[str, str, str]:
    """One loaded index per folder, model and RAG_EMBED_BACKEND (auto follows the index: a rebuild with
    another backend changes the manifest, so the stamp reloads it)."""
    return (os.path.abspath(settings.index_dir), settings.embed_model, settings.embed_backend)


def _manifest_stamp(settings: Settings) -> int:
    """Changes whenever a build swaps in a new index folder (its manifest is rewritten)."""
    try:
        return (settings.index_dir / "manifest.json").stat().st_mtime_ns
    except OSError:
        return -1


def build_index(
    paths: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    rebuild: bool = False,
    progress: bool = False,
    embedder: Any = None,
    notify: Callable[[str], None] | None = None,
    stages: Any = None,
) -> IngestReport:
    """Clean, chunk, embed and index files or folders (incremental unless `rebuild`); one writer at a
    time per RAG_HOME: `notify` hears about a wait for another writer and each file as it is cleaned.
    `stages` runs cleaning and chunking elsewhere (`rag.ray_ingest.RayStages`)."""
    from rag.ingest import ingest

    settings = settings or Settings.from_env()
    if isinstance(paths, str | Path):  # one path, not its characters
        paths = [paths]
    report = ingest(
        [Path(p) for p in paths],
        settings,
        rebuild=rebuild,
        embedder=embedder,
        progress=progress,
        notify=notify,
        stages=stages,
    )
    with _lock:
        _indexes.pop(_cache_key(settings), None)
    return report


def ask(
    question: str,
    *,
    index: Index | None = None,
    settings: Settings | None = None,
    history: Sequence[Any] | None = None,
    filters: Mapping[str, Any] | None = None,
    llm: bool | None = None,
    on_token: Callable[[str], None] | None = None,
) -> Answer:
    """Answer one question from the indexed reports: a short answer with citations, or a refusal.

    `llm`: also write a generated answer with the model at RAG_LLM_URL, verified against the passages
    (None: when one is configured); `on_token` receives its text as it streams. Never raises for the model.
    """
    from rag.answer import answer as extract_answer
    from rag.retrieval import retrieve

    started = time.perf_counter()
    text = check_question(question)
    history, filters = check_history(history), check_filters(filters)
    settings = settings or Settings.from_env()
    index = index or load_index(settings)
    query = _parse_with_history(text, history, index)
    if not _has_content(query.text):
        return _no_content_answer(question)
    if query.comparison is not None:  # two or more figures: computed from the indicator rows
        return _compare(question, query, index, started)
    t0 = time.perf_counter()
    hits = retrieve(index, query, k=max(HITS_KEPT, settings.top_k), filters=filters)
    t1 = time.perf_counter()
    coverage = _coverage(query, index)
    if query.kind == "list":
        hits = [_read_on(hit, index) for hit in hits]
    uncovered = _uncovered_place(query, index)
    result = extract_answer(
        query,
        hits,
        coverage=coverage,
        place_names=uncovered,
        place_docs=_docs_about(query, index, uncovered, hits),
    )
    t2 = time.perf_counter()
    timings = {
        "parse": (t0 - started) * 1000,
        "search": (t1 - t0) * 1000,
        "answer": (t2 - t1) * 1000,
        "total": (t2 - started) * 1000,
    }
    result = replace(result, question=question, timings_ms=timings, hits=result.hits[: settings.top_k])
    if llm is not False and (llm or settings.llm_url):
        from rag.generate import answer_with_model

        asked = query.text if query.is_followup else text
        result = answer_with_model(asked, result, hits, settings, coverage=coverage, on_token=on_token)
    return result


def _compare(question: str, query: Query, index: Index, started: float) -> Answer:
    from rag.indicators.answer import answer_comparison
    from rag.indicators.db import index_rows

    assert query.comparison is not None
    result = answer_comparison(question, query.comparison, index_rows(index), index)
    return replace(result, timings_ms={"total": (time.perf_counter() - started) * 1000})


def indicators(
    *,
    city: str | None = None,
    year: int | None = None,
    name: str | None = None,
    kind: str | None = None,
    index: Index | None = None,
    settings: Settings | None = None,
) -> list[Any]:
    """Figures of the indexed reports as rows (rag.indicators.extract.Indicator): of a city, about a
    year or from that year's reports, whose indicator names `name` (GDP finds 地区生产总值), of a kind."""
    from rag.indicators.db import index_rows
    from rag.indicators.table import select

    index = index or load_index(settings or Settings.from_env())
    return select(index_rows(index), city=city, year=year, name=name, kind=kind)


def _uncovered_place(query: Query, index: Index) -> tuple[str, ...]:
    """The names of the place asked about when no indexed report is of it (杭州, 太仓, 浙江省): then
    only a passage that names it may answer, never another place's report speaking of itself."""
    from rag.places import covered, names_of, within, zone_of

    # 「免渡河镇改造了多少户」: a town no report is of; its county's report answers only where it names it
    town = _town_asked(query, index)
    if town:
        return town
    place = query.place
    if place is None:
        return ()
    zone = zone_of(query.text, place)
    if zone is not None:  # 「苏州工业园区」: the 苏州 report answers only where it names the zone
        return (*(name + zone for name in names_of(place)), zone)
    # 铁岭县 in 铁岭市 shares its prefecture's short name: only a report whose title names the county is of it
    if (
        place.level == "county"
        and place.short == place.parent
        and not any(place.name in d.meta.title for d in index.docs.values() if d.meta.city == place.short)
    ):
        return (place.name,)
    cities = [d.meta.city for d in index.docs.values()]
    if not covered(place, cities) and not _issued_by(place, index):
        return names_of(place)
    # 「内蒙古大学在江苏招多少人」: another province or prefecture named beside it, neither around it nor
    # inside it, that no report is of — only text that names it answers (a county's short name is too often
    # part of a word to be read as one: 市中, 天全, 江岸)
    for other in query.places:
        related = within(place, other) or within(other, place)
        if other.level != "county" and not related and not covered(other, cities):
            if _written_by(place, query.text, other, index):
                continue  # 「英山银龄安康参保」: 安康 of 「银龄安康」, as 英山's own notice writes it
            return names_of(other)
    return ()


def _thing_named(place: Place, text: str, index: Index) -> bool:
    """The question writes the place's name as the first part of a thing's name, and the indexed documents write
    the name only as part of that thing's (「黄龙玉到2030年一年能交易多少」: 黄龙玉, a jade 龙陵's plan trades, no
    黄龙县 asked): the word after the name is a noun and no place. A name the documents write alone too (「上海」
    beside 「上海经济圈」) stays the place asked."""
    import jieba.posseg

    words = jieba.posseg.lcut(text)
    for word, following in pairwise(words):
        if (
            word.word in (place.short, place.name)
            and following.flag.startswith("n")
            and following.flag != "ns"
        ):
            thing = word.word + following.word
            things = sum(d.text.count(thing) for d in index.docs.values())
            return things > 0 and things == sum(d.text.count(word.word) for d in index.docs.values())
    return False


def _written_by(place: Place, text: str, other: Place, index: Index) -> bool:
    """The question writes the other place's name inside words that a report of the place asked writes
    too, two characters beside it at least (「银龄安康」 in 英山's notice on the 银龄安康工程): a part of a
    name there, no place asked about."""
    at = text.find(other.short)
    if at < 0:
        return False
    end = at + len(other.short)
    around = [text[max(0, at - 2) : end], text[at : end + 2]]
    around = [w for w in around if len(w) == end - at + 2 and re.fullmatch(r"[\u4e00-\u9fff]+", w)]
    docs = [d for d in index.docs.values() if d.meta.city == place.short]
    return any(w in d.text for w in around for d in docs)


def _docs_about(query: Query, index: Index, uncovered: Sequence[str], hits: Sequence[Hit]) -> frozenset[str]:
    """The documents of the hits that are of no place and about the uncovered place asked (`rag.places.about`:
    a Hong Kong notice that names only its districts), or, for a town, whose head names it (its own notice):
    every passage of theirs may answer, as a report of the place's. Only the hits' documents are read, so the
    cost does not grow with the index."""
    from rag.places import about, names_of

    place = query.place
    docs = [index.docs.get(doc_id) for doc_id in {hit.chunk.doc_id for hit in hits}]
    placeless = [d for d in docs if d is not None and d.meta.city is None]
    if place is not None and uncovered and tuple(uncovered) == tuple(names_of(place)):
        return frozenset(d.doc_id for d in placeless if about(d.text, place))
    if len(uncovered) == 1:
        # a town's own notice (「竹东镇立图书馆／寒假阅读营报名简章」): its head names the town, its body need not
        return frozenset(d.doc_id for d in placeless if uncovered[0] in _head(d.text))
    return frozenset()


HEAD_LINES = 3  # a document's head: its issuer and title lines


def _head(text: str) -> str:
    return "\n".join(text.split("\n", HEAD_LINES)[:HEAD_LINES])[:120]


EVENT_ABOUT = 3  # a document that names a festival this often is about it


def _town_asked(query: Query, index: Index) -> tuple[str, ...]:
    """The name of a town, township, street or zone the question asks about (`rag.places.town_names`) when no
    indexed document's title names it: the longest of its possible names some indexed text holds, else for a
    town the shortest (no text names it, so nothing answers)."""
    from rag.places import ZONES, event_names, town_names, unknown_places

    def named(name: str) -> bool:
        return any(name in doc.text for doc in index.docs.values())

    def said_apart(stem: str, end: str, gap: int) -> bool:
        """Some text writes the stem and, within `gap` characters after it, `end` (「狗脑贡茶精深加工园」)."""
        said = re.compile(f"{re.escape(stem)}[\u4e00-\u9fff]{{0,{gap}}}{re.escape(end)}")
        return any(said.search(doc.text) for doc in index.docs.values())

    for names in town_names(query.text):
        held = [name for name in names if named(name)]
        zone = next((z for z in ZONES if names[0].endswith(z)), "")
        if zone and not held:
            # 「原来叫开发区三号路」: no text names what stands before 开发区, no zone is named
            if not any(named(name[: -len(zone)]) for name in names[:-1]):
                continue
            # 「贡茶深加工园区」 for 「狗脑贡茶精深加工园」, 「竹制品加工园区」 for 「竹制品加工产业园」: a text names the zone
            # in other words (not 「龟峰山杜鹃花节」 for 龟峰山景区: no text names that zone, nothing answers)
            held = [stem for name in names[:-1] if said_apart(stem := name[: -len(zone)], zone[0], 3)]
        name = held[0] if held else names[-1]
        if not any(name in doc.meta.title for doc in index.docs.values()):
            return (name,)
    # 「象山开渔节去年来了多少游客」: a festival some text names (「天马节」 as 「天马文化旅游节」) is asked about; only a
    # passage that names it answers, as for a town — unless a document is about it (its title names it, or its
    # text again and again: a passage of it need not) — and a festival no text names is left to the passages
    for names in event_names(query.text):
        stem = names[-1][:-1]
        # the shortest name a text holds (「菜花节」 of 「崇龛镇油菜花节」 and 「崇龛油菜花节」 both)
        held = [name for name in names if named(name)][-1:]
        held = held or ([stem] if said_apart(stem, "节", 6) else [])
        if held and not any(
            held[0] in doc.meta.title or doc.text.count(held[0]) >= EVENT_ABOUT for doc in index.docs.values()
        ):
            return (held[0],)
    # 「杨家埠去年的旅游收入」: a place the gazetteer does not know, named in some text but no title, as a town is
    for name in unknown_places(query.text):
        if named(name) and not any(name in doc.meta.title for doc in index.docs.values()):
            return (name,)
    # 「峪道河去年接待了多少游客」: a town asked without its 镇 by a name some text writes with it
    for name in _bare_towns(query.text, index):
        if not any(name in doc.meta.title for doc in index.docs.values()):
            return (name,)
    return ()


def _noun_after(text: str, at: int) -> bool:
    """The tagger reads a noun right after `at`, or a word of place (「口岸」 of 「打洛口岸」)."""
    import jieba.posseg

    after = jieba.posseg.lcut(text[at : at + 6])
    return bool(after) and (after[0].flag.startswith("n") or after[0].flag == "s")


_TOWNS_WRITTEN: weakref.WeakKeyDictionary[Index, dict[str, str]] = weakref.WeakKeyDictionary()


def _towns_written(index: Index) -> dict[str, str]:
    """Each name the index's texts write before 镇, 乡 or 街道 (two to four characters, not a kind: 乡镇, 各乡),
    with the town's whole name: read once per index."""
    try:
        towns = _TOWNS_WRITTEN.get(index)
    except TypeError:  # an index-like object no weak reference can be made to: read each time
        return _read_towns(index)
    if towns is None:
        towns = _TOWNS_WRITTEN[index] = _read_towns(index)
    return towns


def _read_towns(index: Index) -> dict[str, str]:
    from rag.places import NOT_A_TOWN, TOWNS

    towns: dict[str, str] = {}
    for doc in index.docs.values():
        for m in re.finditer("|".join(TOWNS), doc.text):
            before = doc.text[max(0, m.start() - 4) : m.start()]
            for size in (2, 3, 4):
                stem = before[-size:]
                # (not a town's whole name before another 镇: 「葛沽镇镇区」 writes no town 「葛沽镇镇」)
                if (
                    re.fullmatch(f"[\u4e00-\u9fff]{{{size}}}", stem)
                    and stem[-1] not in NOT_A_TOWN
                    and not stem.endswith(TOWNS)
                ):
                    towns.setdefault(stem, stem + m.group())
    return towns


def _bare_towns(question: str, index: Index) -> list[str]:
    """The towns the question names without 镇/乡/街道: a name that starts a word of the tagger's and is none of
    its dictionary's, that some text writes as a town (「峪道河镇」); longest first."""
    from rag.places import TOWNS, find_places, names_of
    from rag.tokenize import known_word, word_ends

    towns = _towns_written(index)
    starts = {0, *word_ends(question)}
    # a county the question names is no town of its name (「龙胜去年…」 is not 龙胜镇's, 「寒亭区」 not 寒亭街道's)
    places = [name for place in find_places(question) for name in names_of(place)]
    found = []
    for size in (4, 3, 2):
        for at in range(len(question) - size + 1):
            stem = question[at : at + size]
            if (
                stem in towns
                and at in starts
                and not known_word(stem)  # a word of the tagger's dictionary (「新增」) names no town
                and not any(stem in name or name in stem for name in places)
                and not _noun_after(question, at + size)  # 「白蕉海鲈」: a product named after the town
                and not question.startswith(TOWNS, at + size)  # written whole: `town_names`
            ):
                found.append(towns[stem])
    return found


def _issued_by(place: Place, index: Index) -> bool:
    """An indexed document of a place inside `place` whose title names `place` too: the outer place issued it
    (「忻州市人民政府关于忻府区部分道路命名的公告」 is 忻州's notice about its district, filed under 忻府)."""
    from rag.places import find_place, mentions, within

    for doc in index.docs.values():
        inner = find_place(doc.meta.city) if doc.meta.city else None
        if inner is not None and inner != place and within(inner, place) and mentions(doc.meta.title, place):
            return True
    return False


def _coverage(query: Query, index: Index) -> str | None:
    """The reports held for the city asked about, when none of them can hold the year asked about:
    「报告库里昆山只有2022年政府工作报告」 tells a user why the answer is missing."""
    from rag.retrieval import report_holds

    if not query.city:
        return None
    metas = [d.meta for d in index.docs.values() if d.meta.city == query.city]
    held = sorted({(m.year, m.doc_type) for m in metas}, key=lambda yd: (yd[0] or 0, yd[1] or ""))
    if not held:
        issued = query.place is not None and _issued_by(query.place, index)
        return None if issued else f"报告库里没有{query.city}的报告"
    if query.year is None or any(report_holds(query, m) is not False for m in metas):
        return None
    names = "、".join(f"{year or '年份不明的'}{'年' if year else ''}{kind or '报告'}" for year, kind in held)
    return f"报告库里{query.city}只有{names}"


def _has_content(text: str) -> bool:
    """True when the question has at least one letter, digit or CJK character to search for."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in text)


LIST_READ_ON = 1500  # characters a passage reads on at most for the rest of a numbered list


def _read_on(hit: Hit, index: Index) -> Hit:
    """A passage whose last line numbers an item (「1.藏式烹饪：名额60人…」) reads on through the document's next
    lines while they number items too: a notice's list is chunked a line an item, and a list question needs all."""
    from rag.answer.spans import NUMBERED_ITEM, numbered_lines

    chunk = hit.chunk
    doc = index.docs.get(chunk.doc_id)
    last = chunk.text.rsplit("\n", 1)[-1]
    if doc is None or not NUMBERED_ITEM.match(last) or doc.text[chunk.end : chunk.end + 1] != "\n":
        return hit
    end = chunk.end
    for _, line_end, _ in numbered_lines(doc.text, chunk.end + 1):
        if end - chunk.end >= LIST_READ_ON:
            break
        end = line_end
    if end == chunk.end:
        return hit
    return replace(hit, chunk=replace(chunk, text=chunk.text + doc.text[chunk.end : end], end=end))


def _no_content_answer(question: str) -> Answer:
    return Answer(
        question=question,
        text="问题里没有可以检索的文字（只有标点或表情符号）。请用中文描述要查的数字或事项，例如「常熟2024年工业投资目标是多少」。",
        short=None,
        refused=True,
        citations=(),
        hits=(),
        timings_ms={"total": 0.0},
    )


def _parse_with_history(text: str, history: Sequence[Any] | None, index: Index) -> Query:
    """Parse earlier user turns in order so that a follow-up inherits their city, topic and year."""
    from rag.abbreviations import spelled_out
    from rag.query import normalise, parse_query

    cities = sorted({d.meta.city for d in index.docs.values() if d.meta.city})
    previous: list[Query] = []
    for turn in _user_turns(history or ()):
        previous.append(parse_query(turn[:MAX_QUESTION_CHARS], history=previous, known_cities=cities))
    # an abbreviation the passages spell out (董秘: 董事会秘书) is read as they write it
    normalised = normalise(text)
    read = spelled_out(normalised, index.holds_word, index.chunks)
    asked = read if read != normalised else text
    query = parse_query(asked, history=previous, known_cities=cities)
    place = query.place
    if place is not None and query.city not in cities and _thing_named(place, query.text, index):
        return parse_query(asked, history=previous, known_cities=cities, not_places=(place.short,))
    return query


def _user_turns(history: Sequence[Any]) -> list[str]:
    """Earlier user questions from strings, (question, answer) pairs or chat messages."""
    turns: list[str] = []
    for item in history:
        if isinstance(item, str):
            turns.append(item)
        elif isinstance(item, Mapping):
            if item.get("role") == "user" and isinstance(item.get("content"), str):
                turns.append(item["content"])
        elif isinstance(item, Sequence) and item and isinstance(item[0], str):
            turns.append(item[0])
    return [t.strip() for t in turns if t and t.strip()]


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    chunk = hit.chunk
    return {
        "chunk_id": chunk.chunk_id,
        "doc_id": chunk.doc_id,
        "text": chunk.text,
        "score": hit.score,
        "rank": hit.rank,
        "dense_rank": hit.dense_rank,
        "keyword_rank": hit.keyword_rank,
        "section": chunk.section,
        "start": chunk.start,
        "end": chunk.end,
        "title": chunk.meta.title,
        "city": chunk.meta.city,
        "year": chunk.meta.year,
        "doc_type": chunk.meta.doc_type,
    }


def answer_to_dict(answer: Answer) -> dict[str, Any]:
    """The `rag ask --json` shape (DESIGN.md)."""
    return {
        "question": answer.question,
        "text": answer.text,
        "short": answer.short,
        "refused": answer.refused,
        "citations": [asdict(c) for c in answer.citations],
        "hits": [hit_to_dict(h) for h in answer.hits],
        "timings_ms": dict(answer.timings_ms),
        "mode": answer.mode,
        "removed": [dict(r) for r in answer.removed],
        "model": answer.model,
        "note": answer.note,
        "explain": list(answer.explain),
    }
