"""The store on hand-made multi-article fixtures, against SQLite and (when NEWSLEDGER_TEST_PG is set,
as in CI) PostgreSQL: linking across articles, each query filter, and each export."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jsonschema
import pyarrow.parquet as pq
import pytest
from sqlalchemy import Connection, Engine, Table, func, inspect, select, text

from newsledger.model import Article
from newsledger.pipeline import Pipeline
from newsledger.store import writer
from newsledger.store.batches import BatchWriter
from newsledger.store.bulk import BulkRows
from newsledger.store.database import StoreError, check_schema, open_engine
from newsledger.store.export import export
from newsledger.store.ingest import Ingest
from newsledger.store.query import (
    Filters,
    QueryError,
    find_entities,
    find_events,
    find_places,
    find_quotes,
    find_stories,
    timeline,
)
from newsledger.store.schema import (
    SCHEMA_VERSION,
    articles,
    entities,
    event_mentions,
    events,
    mentions,
    minhash_bands,
    place_mentions,
    quotes,
    stories,
    story_terms,
)
from newsledger.store.writer import Written, write_article
from store_fixtures import (
    BACKENDS,
    BELGOROD,
    CHAGOS,
    SMITHS,
    STRIKE_AP,
    STRIKE_COPY,
    STRIKE_REUTERS,
    TALKS_1,
    TALKS_2,
    Report,
    make_store,
)


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    yield from make_store(request.param, tmp_path)


def add(engine: Engine, *reports: Report) -> list[Written]:
    written = []
    for report in reports:
        with engine.begin() as conn:
            written.append(write_article(conn, report.article()))
    return written


def count(engine: Engine, table: Table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


@pytest.fixture
def corpus(store: Engine) -> Engine:
    add(store, STRIKE_REUTERS, STRIKE_AP, STRIKE_COPY, BELGOROD, TALKS_1, TALKS_2, CHAGOS)
    return store


def test_two_outlets_reporting_one_strike_make_one_event_with_two_sources(corpus: Engine) -> None:
    with corpus.connect() as conn:
        strikes = find_events(conn, Filters(type="ASSAULT", place="Kharkiv"))
    assert len(strikes) == 1
    strike = strikes[0]
    assert strike["reports"] == 2  # Reuters and AP; the syndicated copy is not a third report
    assert strike["sources"] == 2
    assert strike["day"] == "2025-03-14"
    with corpus.connect() as conn:
        mentions = conn.execute(select(func.count()).where(event_mentions.c.event_id == strike["id"])).scalar_one()
    assert mentions == 3  # every report is kept, pointing to its sentence


def test_events_of_different_actors_and_places_stay_apart(corpus: Engine) -> None:
    with corpus.connect() as conn:
        assaults = find_events(conn, Filters(type="ASSAULT"))
    assert {row["place"] for row in assaults} == {"Kharkiv", "Belgorod"}
    belgorod = next(row for row in assaults if row["place"] == "Belgorod")
    assert belgorod["status"] == "claimed" and belgorod["actor1_country"] == "UA"


def test_a_date_in_the_text_and_a_surname_join_the_next_days_report_of_the_same_meeting(corpus: Engine) -> None:
    with corpus.connect() as conn:
        meetings = find_events(conn, Filters(type="CONSULT", actor="Putin"))
    assert len(meetings) == 1
    assert meetings[0]["reports"] == 2 and meetings[0]["day"] == "2025-03-13"


def test_a_syndicated_copy_is_linked_as_a_near_duplicate(corpus: Engine) -> None:
    with corpus.connect() as conn:
        rows = {row.url: row for row in conn.execute(select(articles))}
    original = rows[STRIKE_REUTERS.url]
    copy = rows[STRIKE_COPY.url]
    assert copy.duplicate_of == original.id and copy.duplicate_similarity >= 0.6
    assert rows[STRIKE_AP.url].duplicate_of is None  # the same event in other words is not a copy
    assert copy.story_id == original.story_id


def test_the_same_person_by_full_name_and_by_surname_is_one_entity(corpus: Engine) -> None:
    with corpus.connect() as conn:
        found = find_entities(conn, Filters(actor="Zelenskyy"))
        witkoff = find_entities(conn, Filters(actor="Witkoff"))
    assert [row["name"] for row in found] == ["Volodymyr Zelenskyy"]
    assert found[0]["articles"] == 3
    assert [row["name"] for row in witkoff] == ["Steve Witkoff"] and witkoff[0]["articles"] == 2


def test_a_surname_two_stored_people_share_is_not_merged_into_either(store: Engine) -> None:
    add(store, *SMITHS)
    with store.connect() as conn:
        names = sorted(conn.execute(select(entities.c.name)).scalars())
    assert names == ["Alan Smith", "John Smith", "Smith"]


def test_re_storing_an_article_changes_nothing_and_another_source_of_it_is_a_copy(store: Engine) -> None:
    add(store, STRIKE_REUTERS)
    before = (count(store, articles), count(store, events), count(store, entities))
    again = add(store, STRIKE_REUTERS)[0]
    assert again.status == "present"
    moved = Report(**{**STRIKE_REUTERS.__dict__, "url": "https://mirror.example/kharkiv"})
    assert add(store, moved)[0].status == "copy"
    assert (count(store, articles), count(store, events), count(store, entities)) == before


def test_articles_on_one_storyline_share_a_story_and_another_topic_does_not(corpus: Engine) -> None:
    with corpus.connect() as conn:
        story_of = {url: story for url, story in conn.execute(select(articles.c.url, articles.c.story_id))}
        labels = {story: label for story, label in conn.execute(select(stories.c.id, stories.c.label))}
    assert story_of[TALKS_1.url] == story_of[TALKS_2.url]
    assert story_of[STRIKE_REUTERS.url] == story_of[STRIKE_AP.url]
    assert len({story_of[TALKS_1.url], story_of[STRIKE_REUTERS.url], story_of[CHAGOS.url]}) == 3
    assert "ceasefire" in labels[story_of[TALKS_1.url]]


def test_each_event_filter_narrows_the_result(corpus: Engine) -> None:
    def ids(**filters: object) -> set[int]:
        with corpus.connect() as conn:
            return {row["id"] for row in find_events(conn, Filters(**filters))}

    everything = ids()
    assert len(everything) == 4
    assert ids(type="consult") == ids(type="CONSULT") and len(ids(type="CONSULT")) == 2
    assert len(ids(status="claimed")) == 1
    assert ids(country="Ukraine") == ids(country="UA") == ids(country="UKR")
    assert len(ids(country="UA")) == 2  # Kharkiv by place, Belgorod by actor
    assert len(ids(since="2025-03-14")) == 2 and len(ids(until="2025-03-13")) == 2
    assert len(ids(near=(50.0, 36.2), radius_km=30)) == 1  # Kharkiv only; Belgorod is ~70 km away
    assert len(ids(near=(50.0, 36.2), radius_km=120)) == 2
    assert len(ids(search="Kremlin")) == 1
    assert ids(story="ceasefire") == ids(type="CONSULT", actor="Witkoff")
    assert len(ids(limit=1)) == 1


def test_filters_with_quotes_operators_and_wildcards_are_plain_words(corpus: Engine) -> None:
    with corpus.connect() as conn:
        assert len(find_events(conn, Filters(search='"Kharkiv*'))) == 1  # words, not FTS syntax
        assert find_events(conn, Filters(search="OR AND( *")) == []
        assert find_events(conn, Filters(actor="50%_")) == []
        assert find_events(conn, Filters(actor="'; DROP TABLE events; --")) == []
    assert count(corpus, events) == 4
    with corpus.connect() as conn, pytest.raises(QueryError):
        find_events(conn, Filters(country="Atlantis"))


def test_quotes_entities_places_and_stories_have_their_filters(corpus: Engine) -> None:
    with corpus.connect() as conn:
        said = find_quotes(conn, Filters(actor="Zelenskyy"))
        assert [row["speaker"] for row in said] == ["Volodymyr Zelenskyy"]
        assert said[0]["text"].startswith("We need more Patriot")
        assert find_quotes(conn, Filters(search="Patriot")) == said
        assert find_quotes(conn, Filters(search="ceasefire", actor="Zelenskyy")) == []
        people = find_entities(conn, Filters(type="PERSON", country="RU"))
        assert [row["name"] for row in people] == ["Vladimir Putin"]
        near_moscow = find_places(conn, Filters(near=(55.7, 37.6), radius_km=50))
        assert [row["name"] for row in near_moscow] == ["Moscow"]
        assert near_moscow[0]["articles"] == 2 and near_moscow[0]["events"] == 1
        # Article filters combine: Kharkiv is not in the ceasefire-talks story.
        assert find_places(conn, Filters(story="ceasefire", search="Kharkiv")) == []
        assert [row["name"] for row in find_places(conn, Filters(search="Kharkiv"))][:1] == ["Kharkiv"]
        talks = find_stories(conn, Filters(actor="Putin"))
        assert len(talks) == 1 and talks[0]["articles"] == 2
        assert find_stories(conn, Filters(search="Chagos"))[0]["label"] != talks[0]["label"]


def test_timeline_lists_a_storys_events_in_date_order_with_their_sources(corpus: Engine) -> None:
    with corpus.connect() as conn:
        rows = timeline(conn, "Kharkiv", Filters())
    assert rows and [row["day"] for row in rows] == sorted(row["day"] for row in rows)
    strike = next(row for row in rows if row["place"] == "Kharkiv")
    outlets = [source["outlet"] for source in strike["sources_list"]]
    assert sorted(outlets) == ["apnews.com", "example-news.com", "reuters.com"]
    assert any("Russian forces struck Kharkiv" in source["sentence"] for source in strike["sources_list"])


def export_text(engine: Engine, fmt: str, table: str | None = None, f: Filters | None = None) -> str:
    buffer = io.BytesIO()
    with engine.connect() as conn:
        export(conn, fmt, table, f or Filters(limit=None), buffer)
    return buffer.getvalue().decode()


def test_jsonl_export_gives_back_the_contracts_articles(corpus: Engine, schema: dict) -> None:
    lines = export_text(corpus, "jsonl").splitlines()
    assert len(lines) == 7
    article_schema = {"$defs": schema["$defs"], "$ref": "#/$defs/article"}
    for line in lines:
        jsonschema.Draft202012Validator(article_schema).validate(json.loads(line))
    assert json.loads(lines[0])["headline"] == STRIKE_REUTERS.headline


def test_csv_geojson_plover_and_parquet_exports(corpus: Engine, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(export_text(corpus, "csv"))))
    assert len(rows) == 4 and {"type", "actor1", "place", "reports", "articles"} <= set(rows[0])
    geo = json.loads(export_text(corpus, "geojson"))
    kharkiv = next(f for f in geo["features"] if f["properties"]["place"] == "Kharkiv")
    assert kharkiv["geometry"]["coordinates"] == [36.25, 49.98]  # GeoJSON is lon, lat
    plover = [json.loads(line) for line in export_text(corpus, "plover", f=Filters(type="ASSAULT")).splitlines()]
    strike = next(record for record in plover if record["geolocation"]["placeName"] == "Kharkiv")
    assert strike["event"] == "ASSAULT" and strike["source"][0]["code"] == "RUS"
    assert strike["source"][0]["sector"] == "MIL" and strike["geolocation"]["geonamesID"] == 706483
    assert len(strike["articles"]) == 3
    path = tmp_path / "quotes.parquet"
    with corpus.connect() as conn, path.open("wb") as handle:
        export(conn, "parquet", "quotes", Filters(limit=None), handle)
    table = pq.read_table(path)
    assert table.num_rows == 2 and "speaker" in table.schema.names


def test_a_failure_inside_an_article_leaves_nothing_of_it(store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    add(store, TALKS_1)
    tables = (articles, events, entities, event_mentions, stories)
    before = {table.name: count(store, table) for table in tables}

    def fail(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk went away")

    monkeypatch.setattr("newsledger.store.writer.store_events", fail)  # after entities and places are written
    with pytest.raises(RuntimeError):
        add(store, TALKS_2)
    assert {table.name: count(store, table) for table in tables} == before
    monkeypatch.undo()
    assert add(store, TALKS_2)[0].status == "stored"


def test_two_writers_at_once_store_each_article_once(store: Engine) -> None:
    reports = [STRIKE_REUTERS, STRIKE_AP, STRIKE_COPY, BELGOROD, TALKS_1, TALKS_2, CHAGOS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda order: add(store, *order), [reports, list(reversed(reports))]))
    statuses = sorted(written.status for run in results for written in run)
    assert statuses == ["present"] * 7 + ["stored"] * 7
    assert count(store, articles) == 7
    with store.connect() as conn:
        kharkiv = find_events(conn, Filters(type="ASSAULT", place="Kharkiv"))
    assert len(kharkiv) == 1 and kharkiv[0]["reports"] == 2


def _plain_corpus(folder: Path, size: int) -> Path:
    path = folder / "plain.jsonl"
    lines = [
        json.dumps({"id": str(n), "title": f"Report {n}", "text": f"Report number {n} says that talks resumed. " * 8})
        for n in range(size)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_losing_the_database_mid_ingest_stops_with_one_line_and_the_next_run_finishes(
    store: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_path = _plain_corpus(tmp_path, 6)
    real_write = writer.write_article
    calls = {"n": 0}

    def write_then_lose_the_connection(conn: Connection, article: Article, bulk: BulkRows) -> Written:
        calls["n"] += 1
        if calls["n"] == 3:
            if conn.dialect.name == "postgresql":
                conn.exec_driver_sql("SELECT pg_terminate_backend(pg_backend_pid())")  # the server drops us
            raise sqlite3.OperationalError("database or disk is full")
        return real_write(conn, article, bulk)

    monkeypatch.setattr("newsledger.store.batches.write_article", write_then_lose_the_connection)
    run = Ingest(store, Pipeline([]), progress=False, batch_size=2)
    with pytest.raises(StoreError) as failure:
        run.run([str(corpus_path)])
    assert "\n" not in str(failure.value)
    assert ("disk is full" in str(failure.value)) or ("cannot reach the store" in str(failure.value))
    # The first batch of two was committed; the second, lost at its first article, is not half-written.
    assert count(store, articles) == 2 and run.summary.stored == 2
    monkeypatch.undo()
    store.dispose()  # the pool may hold the dropped connection
    again = Ingest(store, Pipeline([]), progress=False).run([str(corpus_path)])
    assert (again.present, again.stored) == (2, 4)
    assert count(store, articles) == 6


def test_an_article_that_cannot_be_stored_is_skipped_and_its_batch_is_kept(
    store: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus_path = _plain_corpus(tmp_path, 5)
    real_write = writer.write_article
    calls = {"n": 0}

    def fail_on_the_third(conn: Connection, article: Article, bulk: BulkRows) -> Written:
        calls["n"] += 1
        written = real_write(conn, article, bulk)  # written, then refused: the savepoint must undo it
        if calls["n"] == 3:
            raise ValueError("a value this store cannot hold")
        return written

    monkeypatch.setattr("newsledger.store.batches.write_article", fail_on_the_third)
    summary = Ingest(store, Pipeline([]), progress=False).run([str(corpus_path)])
    assert summary.stored == 4 and count(store, articles) == 4
    (skipped,) = summary.skipped
    assert "could not be stored (ValueError: a value this store cannot hold)" in skipped.reason
    with store.connect() as conn:  # nothing of the refused article is left behind
        stored = set(conn.execute(select(articles.c.article_id)).scalars())
        bands = set(conn.execute(select(minhash_bands.c.article_id).distinct()).scalars())
        ids = set(conn.execute(select(articles.c.id)).scalars())
    assert stored == {"0", "1", "3", "4"} and bands == ids


def test_a_batch_writes_its_stored_articles_bulk_rows_and_none_of_a_refused_one(store: Engine) -> None:
    """Mentions, places, quotes go in at the batch's end (COPY on PostgreSQL): all of them, searchable,
    for the articles stored, nothing for the one refused after it was written."""
    reports = [STRIKE_REUTERS, BELGOROD, TALKS_1]
    refused = BELGOROD.article().id

    def refuse_belgorod(conn: Connection, article: Article, bulk: BulkRows) -> Written:
        written = write_article(conn, article, bulk)
        if article.id == refused:
            raise ValueError("refused")
        return written

    batches = BatchWriter(store, size=10, write=refuse_belgorod)
    outcomes = [outcome for report in reports for outcome in batches.add(report.article())] + batches.flush()
    assert [type(outcome).__name__ for outcome in outcomes] == ["Written", "Skipped", "Written"]
    kept = [STRIKE_REUTERS.article(), TALKS_1.article()]
    with store.connect() as conn:
        for table, expected in (
            (mentions, sum(len(e.mentions) for a in kept for e in a.entities)),
            (place_mentions, sum(len(p.mentions) for a in kept for p in a.places)),
            (quotes, sum(len(a.quotes) for a in kept)),
        ):
            assert conn.execute(select(func.count()).select_from(table)).scalar_one() == expected > 0, table.name
        said = find_quotes(conn, Filters(search=TALKS_1.quotes[0].words.split()[-1].strip(".,")))
        found = find_events(conn, Filters(search="Kharkiv"))
    assert [quote["text"] for quote in said] == [TALKS_1.quotes[0].words]
    assert len(found) == 1


def downgraded_and_reopened(engine: Engine, version: str, *statements: str) -> Engine:
    """The SQLite store made an older one (``statements``, then its schema version set), reopened by this
    newsledger, which upgrades it."""
    path = engine.url.database
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
        conn.execute(text("UPDATE meta SET value = :version WHERE key = 'schema_version'"), {"version": version})
    engine.dispose()
    reopened = open_engine(str(path))
    check_schema(reopened)
    return reopened


def test_an_older_store_gains_the_new_indexes_when_opened(tmp_path: Path) -> None:
    """A version 2 store (no composite indexes) is upgraded in place on first open and keeps its rows."""
    path = tmp_path / "old.db"
    reopened = downgraded_and_reopened(
        open_engine(str(path)),
        "2",
        "INSERT INTO meta (key, value) VALUES ('kept', 'yes')",
        "DROP INDEX ix_events_place_day",
        "DROP INDEX ix_mentions_entity_article",
        "DROP INDEX ix_events_actor1_country_day",
    )
    names = {index["name"] for index in inspect(reopened).get_indexes("events")}
    names |= {index["name"] for index in inspect(reopened).get_indexes("mentions")}
    with reopened.connect() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        kept = conn.execute(text("SELECT value FROM meta WHERE key = 'kept'")).scalar()
    assert {"ix_events_place_day", "ix_mentions_entity_article", "ix_events_actor1_country_day"} <= names
    assert version == SCHEMA_VERSION and kept == "yes"


def test_a_version_4_store_gains_its_story_terms_last_days_and_keeps_linking(tmp_path: Path) -> None:
    """Schema 5 copies each story's last day onto its terms (the story lookup reads them by term and
    day): an older store gets the column filled from its stories, and stories keep the copy current."""
    path = tmp_path / "old.db"
    engine = open_engine(str(path))
    add(engine, TALKS_1)
    reopened = downgraded_and_reopened(
        engine, "4", "DROP INDEX ix_story_terms_term_day", "ALTER TABLE story_terms DROP COLUMN last_day"
    )
    assert "ix_story_terms_term_day" in {index["name"] for index in inspect(reopened).get_indexes("story_terms")}
    add(reopened, TALKS_2, STRIKE_REUTERS)

    def mismatched() -> int:
        with reopened.connect() as conn:
            return conn.execute(
                text(
                    "SELECT count(*) FROM story_terms JOIN stories ON stories.id = story_terms.story_id"
                    " WHERE story_terms.last_day IS NOT stories.last_day"
                )
            ).scalar_one()

    assert mismatched() == 0 and count(reopened, story_terms) > 0
    with reopened.connect() as conn:
        story_of = {url: story for url, story in conn.execute(select(articles.c.url, articles.c.story_id))}
    assert story_of[TALKS_1.url] == story_of[TALKS_2.url] != story_of[STRIKE_REUTERS.url]
    later_copy = dataclasses.replace(STRIKE_COPY, day="2025-03-16")
    written = add(reopened, later_copy)  # a near-duplicate, later: its story's days move, not its centroid
    with reopened.connect() as conn:
        last_day = conn.execute(
            select(stories.c.last_day).where(stories.c.id == story_of[STRIKE_REUTERS.url])
        ).scalar_one()
    assert written[0].duplicate_of is not None and last_day == "2025-03-16"
    assert mismatched() == 0
    reopened.dispose()


def test_a_place_named_only_by_adjective_is_stored_without_counting_the_article(store: Engine) -> None:
    """A country the article only ties itself to by a demonym ("Sudanese") is kept (an event may be placed
    there) but has no place mention and does not count the article among the places it names."""
    from newsledger.model import Place, Span
    from newsledger.store.schema import places

    article = dataclasses.replace(TALKS_1, text=TALKS_1.text + " Sudanese envoys were also in Moscow.").article()
    start = article.text.index("Sudanese")
    tied = Place(id="P99", name="Sudan", lat=15.0, lon=30.0, country="SD", kind="country", geonameid=366755,
                 associative_mentions=[Span(start=start, end=start + 8, text="Sudanese")])  # fmt: skip
    article.places = [*article.places, tied]
    with store.begin() as conn:
        write_article(conn, article)
    with store.connect() as conn:
        row = conn.execute(select(places.c.id, places.c.articles).where(places.c.geonameid == 366755)).one()
        named = conn.execute(select(func.count()).where(place_mentions.c.place_id == row.id)).scalar_one()
        others = conn.execute(select(func.min(places.c.articles)).where(places.c.geonameid != 366755)).scalar_one()
    assert row.articles == 0 and named == 0 and others == 1


def test_merge_candidates_are_the_events_sharing_an_actor_in_the_window_and_only_those(store: Engine) -> None:
    """Linking reads stored events by type, day window and actor (entity or country), uncapped: an
    unrelated actor's event is not read however many there are, a shared one always is."""
    from newsledger.store.events import candidates

    rows = [
        {"type": "ASSAULT", "actor1_entity_id": None, "actor1_country": "FR", "day": "2025-03-10", "status": "asserted"}
        for _ in range(300)
    ] + [
        {
            "type": "ASSAULT",
            "actor1_entity_id": None,
            "actor1_country": "RU",
            "day": "2025-03-11",
            "status": "asserted",
        },
        {
            "type": "ASSAULT",
            "actor1_entity_id": None,
            "actor1_country": "RU",
            "day": "2025-03-20",
            "status": "asserted",
        },
        {
            "type": "CONSULT",
            "actor1_entity_id": None,
            "actor1_country": "RU",
            "day": "2025-03-11",
            "status": "asserted",
        },
        {
            "type": "ASSAULT",
            "actor2_entity_id": None,
            "actor2_country": "UA",
            "day": "2025-03-12",
            "status": "asserted",
        },
    ]
    with store.begin() as conn:
        blank = {"actor1_entity_id": None, "actor1_country": None, "actor2_entity_id": None, "actor2_country": None}
        conn.execute(events.insert(), [blank | row for row in rows])
        found = candidates(conn, [("ASSAULT", "2025-03-10")], set(), {"RU", "UA"})
        nobody = candidates(conn, [("ASSAULT", "2025-03-10")], set(), set())
    assert sorted((row.actor1_country or row.actor2_country, row.day) for row in found) == [
        ("RU", "2025-03-11"),
        ("UA", "2025-03-12"),
    ]
    assert nobody == []


def test_the_linking_benchmark_doubles_a_store_into_later_news_that_still_links(tmp_path: Path) -> None:
    from newsledger.benchmarks.linking import double

    engine = open_engine(str(tmp_path / "grown.db"))
    add(engine, STRIKE_REUTERS, BELGOROD, TALKS_1)
    tables = (articles, events, event_mentions, stories, minhash_bands)
    before = {table.name: count(engine, table) for table in tables}
    with engine.begin() as conn:
        newest = conn.execute(select(func.max(articles.c.day))).scalar_one()
        double(conn, 1)
    assert {table.name: count(engine, table) for table in tables} == {k: 2 * v for k, v in before.items()}
    with engine.connect() as conn:
        orphans = conn.execute(
            text(
                "SELECT count(*) FROM event_mentions m LEFT JOIN events e ON e.id = m.event_id "
                "LEFT JOIN articles a ON a.id = m.article_id WHERE e.id IS NULL OR a.id IS NULL"
            )
        ).scalar_one()
        copied_days = conn.execute(select(articles.c.day).where(articles.c.id > before["articles"])).scalars().all()
    assert orphans == 0
    assert copied_days and min(copied_days) > newest
    (written,) = add(engine, STRIKE_AP)  # a new report of a stored event still joins it
    assert written.events_merged == 1
