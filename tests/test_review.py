"""Review: corrections are an overlay keyed by evidence, re-applied after re-ingest, shown everywhere
downstream (with --raw for the machine's output), refused when stale, and exported as gold."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select

from newsledger.model import Article
from newsledger.readers import Skipped
from newsledger.review import ReviewError, StaleEdit, history, orphans, rebuild, record, version_of
from newsledger.review.corrections import evidence_of
from newsledger.review.gold import gold_articles, stats
from newsledger.store.export import export, rows_of
from newsledger.store.query import Filters, find_entities, find_events, find_places, find_quotes, timeline
from newsledger.store.schema import articles, corrections, events
from newsledger.store.writer import write_article
from store_fixtures import BACKENDS, BELGOROD, STRIKE_AP, STRIKE_REUTERS, TALKS_1, TALKS_2, Report, make_store
from test_contract import run_cli


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    yield from make_store(request.param, tmp_path)


def add(engine: Engine, *reports: Report) -> None:
    for report in reports:
        with engine.begin() as conn:
            write_article(conn, report.article())


@pytest.fixture
def corpus(store: Engine) -> Engine:
    add(store, STRIKE_REUTERS, STRIKE_AP, BELGOROD, TALKS_1, TALKS_2)
    return store


def event_id(engine: Engine, **filters: Any) -> int:
    with engine.connect() as conn:
        (row,) = find_events(conn, Filters(**filters))
    return int(row["id"])


def correct(engine: Engine, kind: str, row_id: int, action: str, **values: Any) -> int:
    with engine.begin() as conn:
        correction = record(conn, kind, row_id, action, reviewer=str(values.pop("reviewer", "ana")), **values)
        rebuild(conn)
    return correction


def test_a_rejected_event_leaves_the_queries_and_raw_still_shows_it(corpus: Engine) -> None:
    shelling = event_id(corpus, place="Belgorod")
    correct(corpus, "event", shelling, "reject", note="the governor's claim only")
    with corpus.connect() as conn:
        assert shelling not in {row["id"] for row in find_events(conn, Filters())}
        raw = {row["id"]: row for row in find_events(conn, Filters(raw=True))}
    assert raw[shelling]["type"] == "ASSAULT" and raw[shelling]["reviewed"]


def test_an_edit_changes_the_value_everywhere_and_filters_see_the_corrected_value(corpus: Engine) -> None:
    shelling = event_id(corpus, place="Belgorod")
    correct(corpus, "event", shelling, "edit", field="type", value="coerce")
    correct(corpus, "event", shelling, "edit", field="status", value="asserted")
    correct(corpus, "event", shelling, "edit", field="actor1_country", value="ru")
    with corpus.connect() as conn:
        (row,) = find_events(conn, Filters(type="COERCE"))
        assert not find_events(conn, Filters(type="ASSAULT", place="Belgorod"))
        assert shelling in {event["id"] for event in find_events(conn, Filters(country="RU"))}
        (raw,) = find_events(conn, Filters(type="ASSAULT", place="Belgorod", raw=True))
    assert row["id"] == shelling and row["status"] == "asserted" and row["actor1_country"] == "RU"
    assert row["reviewed"] is True and len(row["correction_ids"]) == 3
    assert raw["status"] == "claimed" and raw["actor1_country"] == "UA"


def test_an_edit_to_none_hides_the_machines_value(corpus: Engine) -> None:
    meeting = event_id(corpus, type="CONSULT")
    correct(corpus, "event", meeting, "edit", field="place", value="")
    with corpus.connect() as conn:
        (row,) = find_events(conn, Filters(type="CONSULT"))
    assert row["place"] is None


def test_corrections_survive_rebuilding_the_store_from_the_articles(store: Engine) -> None:
    add(store, STRIKE_REUTERS, BELGOROD)
    shelling = event_id(store, place="Belgorod")
    correct(store, "event", shelling, "edit", field="type", value="COERCE")
    with store.begin() as conn:  # rebuild: every article and what was read in it goes, the corrections stay
        kept = conn.execute(select(corrections)).all()
        for table in reversed(__import__("newsledger.store.schema", fromlist=["metadata"]).metadata.sorted_tables):
            if table.name not in ("corrections", "meta"):
                conn.execute(delete(table))
    add(store, BELGOROD, STRIKE_REUTERS)  # other order: other row ids
    with store.begin() as conn:
        assert len(conn.execute(select(corrections)).all()) == len(kept)
        rebuilt = rebuild(conn)
    assert rebuilt.orphaned == 0
    with store.connect() as conn:
        (row,) = find_events(conn, Filters(type="COERCE"))
    assert row["place"] == "Belgorod" and row["id"] != shelling


def test_a_correction_whose_evidence_is_gone_is_listed_as_orphaned(store: Engine) -> None:
    add(store, BELGOROD)
    correct(store, "event", event_id(store, place="Belgorod"), "reject")
    with store.begin() as conn:
        conn.execute(delete(articles))
        rebuilt = rebuild(conn)
        (orphan,) = orphans(conn)
    assert rebuilt.orphaned == 1 and orphan["action"] == "reject" and orphan["evidence"] == "shelled"
    add(store, BELGOROD)  # the article comes back: the correction applies again
    with store.begin() as conn:
        assert rebuild(conn).orphaned == 0
        assert not find_events(conn, Filters(place="Belgorod"))


def test_a_stale_edit_is_refused_and_a_current_one_is_kept(corpus: Engine) -> None:
    shelling = event_id(corpus, place="Belgorod")
    with corpus.connect() as conn:
        seen = version_of(conn, evidence_of(conn, "event", shelling))
    correct(corpus, "event", shelling, "edit", field="type", value="COERCE", version=seen, reviewer="ana")
    with pytest.raises(StaleEdit, match="changed by ana"):
        correct(corpus, "event", shelling, "edit", field="type", value="PROTEST", version=seen, reviewer="bob")
    correct(corpus, "event", shelling, "confirm", version=seen + 1, reviewer="bob")
    with corpus.connect() as conn:
        steps = [(row["reviewer"], row["action"]) for row in history(conn, "event", shelling)]
    assert steps == [("ana", "edit"), ("bob", "confirm")]


@pytest.mark.parametrize(
    ("kind", "field", "value", "message"),
    [
        ("event", "colour", "red", "editable fields"),
        ("event", "status", "rumoured", "status is one of"),
        ("event", "day", "yesterday", "YYYY-MM-DD"),
        ("event", "actor1_country", "Russia", "alpha-2"),
        ("event", "type", "", "cannot be empty"),
        ("place", "lat", "91", "within"),
        ("place", "lon", "nan", "within"),
        ("quote", "kind", "rumour", "quote's kind"),
    ],
)
def test_bad_corrections_are_refused_with_a_reason(
    corpus: Engine, kind: str, field: str, value: str, message: str
) -> None:
    with corpus.connect() as conn:
        row_id = {
            "event": lambda: find_events(conn, Filters(place="Belgorod"))[0]["id"],
            "place": lambda: find_places(conn, Filters(place="Belgorod"))[0]["id"],
            "quote": lambda: find_quotes(conn, Filters())[0]["id"],
        }[kind]()
    with pytest.raises(ReviewError, match=message):
        correct(corpus, kind, row_id, "edit", field=field, value=value)


def test_a_correction_needs_a_reviewer_and_an_existing_fact(corpus: Engine) -> None:
    with pytest.raises(ReviewError, match="reviewer"):
        correct(corpus, "event", event_id(corpus, place="Belgorod"), "confirm", reviewer="  ")
    with pytest.raises(ReviewError, match="no event 99999"):
        correct(corpus, "event", 99999, "confirm")


def test_merging_two_events_shows_one_with_the_reports_of_both(corpus: Engine) -> None:
    strike = event_id(corpus, place="Kharkiv")
    shelling = event_id(corpus, place="Belgorod")
    correct(corpus, "event", shelling, "merge", other_id=strike)
    with corpus.connect() as conn:
        rows = {row["id"]: row for row in find_events(conn, Filters(type="ASSAULT"))}
        (line,) = [row for row in timeline(conn, "Kharkiv", Filters(type="ASSAULT")) if row["id"] == strike]
    assert shelling not in rows and rows[strike]["reports"] == 3
    assert "shelled" in " ".join(source["sentence"] for source in line["sources_list"])


def reports_of(engine: Engine, event: int) -> list[int]:
    with engine.connect() as conn:
        (row,) = [row for row in rows_of(conn, "events", Filters(limit=0)) if row["id"] == event]
    return list(row["report_ids"])


def test_splitting_off_a_report_makes_it_an_event_of_its_own_and_survives_rebuilds(store: Engine) -> None:
    add(store, STRIKE_REUTERS, STRIKE_AP)
    strike = event_id(store, place="Kharkiv")
    first, second = reports_of(store, strike)  # the Reuters report is the evidence the event is known by
    with pytest.raises(ReviewError, match="split off the other reports"):
        correct(store, "event", strike, "split", other_id=first)
    correct(store, "event", strike, "split", other_id=second, note="the AP story is the night after")
    with store.connect() as conn:
        rows = find_events(conn, Filters(place="Kharkiv"))
        (raw_count,) = conn.execute(select(func.count()).select_from(events)).one()
    assert sorted(row["reports"] for row in rows) == [1, 1] and raw_count == 2
    (split_off,) = [row["id"] for row in rows if row["id"] != strike]
    assert reports_of(store, split_off) == [second] and reports_of(store, strike) == [first]
    correct(store, "event", split_off, "edit", field="type", value="COERCE")  # a correction of the new event
    with store.begin() as conn:
        rebuild(conn)  # rebuilding again neither splits twice nor loses the split
        rebuild(conn)
    with store.connect() as conn:
        types = sorted(row["type"] for row in find_events(conn, Filters(place="Kharkiv")))
        (raw_count,) = conn.execute(select(func.count()).select_from(events)).one()
    assert types == ["ASSAULT", "COERCE"] and raw_count == 2
    with store.begin() as conn:  # the store rebuilt from its articles: the split and the edit apply again
        for table in reversed(__import__("newsledger.store.schema", fromlist=["metadata"]).metadata.sorted_tables):
            if table.name not in ("corrections", "meta"):
                conn.execute(delete(table))
    add(store, STRIKE_REUTERS, STRIKE_AP)
    with store.begin() as conn:
        assert rebuild(conn).orphaned == 0
        rows = find_events(conn, Filters(place="Kharkiv"))
    assert sorted((row["type"], row["reports"]) for row in rows) == [("ASSAULT", 1), ("COERCE", 1)]


def test_a_split_names_a_report_of_its_own_event_and_keeps_one_report(corpus: Engine) -> None:
    strike = event_id(corpus, place="Kharkiv")
    shelling = event_id(corpus, place="Belgorod")
    (only,) = reports_of(corpus, shelling)
    with pytest.raises(ReviewError, match="has no report"):
        correct(corpus, "event", strike, "split", other_id=only)
    with pytest.raises(ReviewError, match="split off the other reports"):
        correct(corpus, "event", shelling, "split", other_id=only)  # its only report is its evidence
    with pytest.raises(ReviewError, match="only events split"):
        correct(corpus, "entity", 1, "split", other_id=only)


def test_quotes_places_and_entities_take_corrections_too(corpus: Engine) -> None:
    with corpus.connect() as conn:
        quote = find_quotes(conn, Filters())[0]
        place = find_places(conn, Filters(place="Moscow"))[0]
        person = find_entities(conn, Filters(actor="Witkoff"))[0]
    correct(corpus, "quote", quote["id"], "edit", field="speaker", value="Dmitry Peskov")
    correct(corpus, "place", place["id"], "edit", field="lat", value="55.7558")
    correct(corpus, "entity", person["id"], "edit", field="country", value="US")
    with corpus.connect() as conn:
        assert find_quotes(conn, Filters(actor="Peskov"))[0]["id"] == quote["id"]
        assert find_places(conn, Filters(place="Moscow"))[0]["lat"] == pytest.approx(55.7558)
        assert find_entities(conn, Filters(actor="Witkoff"))[0]["country"] == "US"
    correct(corpus, "quote", quote["id"], "reject")
    with corpus.connect() as conn:
        assert quote["id"] not in {row["id"] for row in find_quotes(conn, Filters())}


def test_exports_carry_the_review_and_raw_exports_the_machines_output(corpus: Engine) -> None:
    import io

    shelling = event_id(corpus, place="Belgorod")
    correction = correct(corpus, "event", shelling, "edit", field="type", value="COERCE")

    def exported(f: Filters) -> dict[int, dict]:
        out = io.BytesIO()
        with corpus.connect() as conn:
            export(conn, "jsonl", "events", f, out)
        return {row["id"]: row for row in map(json.loads, out.getvalue().decode().splitlines())}

    corrected, raw = exported(Filters(limit=None)), exported(Filters(limit=None, raw=True))
    assert corrected[shelling]["type"] == "COERCE" and corrected[shelling]["correction_ids"] == [correction]
    assert raw[shelling]["type"] == "ASSAULT" and raw[shelling]["reviewed"] is True
    other = next(row for row in corrected.values() if row["id"] != shelling)
    assert other["reviewed"] is False


def test_stats_and_gold_from_the_reviews(corpus: Engine) -> None:
    shelling = event_id(corpus, place="Belgorod")
    strike = event_id(corpus, place="Kharkiv")
    meeting = event_id(corpus, type="CONSULT")
    correct(corpus, "event", shelling, "reject")
    correct(corpus, "event", strike, "confirm")
    correct(corpus, "event", meeting, "edit", field="place", value="Kremlin")
    with corpus.connect() as conn:
        (events,) = stats(conn)
        gold = gold_articles(conn)
    assert (events.reviewed, events.rejected) == (3, 1)
    assert events.fields["place"].right == 1 and events.fields["place"].wrong == 1
    assert events.by_type["ASSAULT"].right == 1 and events.by_type["ASSAULT"].wrong == 1
    by_headline = {article["headline_contains"]: article for article in gold["articles"]}
    belgorod = by_headline[BELGOROD.headline]
    assert belgorod["events"] == [] and belgorod["complete"]  # rejected: gold says nothing happened here
    talks = by_headline[TALKS_1.headline]
    (gold_meeting,) = talks["events"]
    assert gold_meeting["types"] == ["CONSULT"] and gold_meeting["place"] == "Kremlin"
    assert all(excerpt in talks["text"] for excerpt in gold_meeting["sentences"])
    assert gold_meeting["actor1"] == "US"


def test_review_from_the_command_line(tmp_path: Path) -> None:
    page = tmp_path / "talks.txt"
    page.write_text(
        "Ministers meet in Vienna\n\nThe foreign ministers of Austria and Hungary met in Vienna on Monday to "
        "discuss border controls, officials said. Hungary accused Austria of delaying the talks.",
        encoding="utf-8",
    )
    db = str(tmp_path / "store.db")
    assert run_cli("ingest", str(page), "--db", db).returncode == 0
    rows = json.loads(run_cli("events", "--db", db, "--format", "json").stdout)
    assert rows, "the fixture article has events"
    first = str(rows[0]["id"])
    done = run_cli("review", "edit", "event", first, "status", "claimed", "--db", db, "--reviewer", "ana")
    assert done.returncode == 0, done.stderr.decode()
    stale = run_cli("review", "reject", "event", first, "--db", db, "--reviewer", "bob", "--version", "0")
    assert stale.returncode == 1 and b"since you loaded it" in stale.stderr and b"Traceback" not in stale.stderr
    after = {row["id"]: row for row in json.loads(run_cli("events", "--db", db, "--format", "json").stdout)}
    assert after[int(first)]["status"] == "claimed"
    # Re-ingesting the same page with another store re-applies the correction to the new rows.
    assert run_cli("review", "export", "--db", db, "-o", str(tmp_path / "gold.json")).returncode == 0
    gold = json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))
    assert gold["articles"][0]["events"][0]["status"] == ["claimed"]
    table = run_cli("review", "stats", "--db", db).stdout.decode()
    assert "status" in table and "0.00" in table


def test_reextraction_rebuilds_the_store_and_replays_the_corrections(store: Engine) -> None:
    from newsledger.store.reextract import dump_path, reextract

    add(store, STRIKE_REUTERS, BELGOROD, TALKS_1)
    correct(store, "event", event_id(store, place="Belgorod"), "reject")
    by_text = {report.text: report.article() for report in (STRIKE_REUTERS, BELGOROD)}

    def newer_extractor(items: Iterable[Article | Skipped]) -> Iterator[Article | Skipped]:
        for article in items:
            assert not article.events, "the store gives back each article's own fields, not its old layers"
            yield by_text[article.text] if article.text in by_text else Skipped(article.source, "a stage failed")

    lines: list[str] = []
    done = reextract(store, newer_extractor, echo=lines.append)
    assert (done.articles, done.skipped, done.orphaned) == (3, 1, 0)
    assert not dump_path(store).exists()
    with store.connect() as conn:
        assert len(conn.execute(select(articles.c.id)).all()) == 3  # the skipped one is kept, without layers
        assert not find_events(conn, Filters(place="Belgorod"))
        assert find_events(conn, Filters(place="Belgorod", raw=True))
        assert not find_events(conn, Filters(type="CONSULT"))  # its article was kept without layers


def test_reviews_exported_as_gold_score_the_pipeline(tmp_path: Path) -> None:
    from newsledger.evaluation.reviewed import score_file

    page = tmp_path / "talks.txt"
    page.write_text(
        "Ministers meet in Vienna\n\nThe foreign ministers of Austria and Hungary met in Vienna on Monday to "
        "discuss border controls, officials said. Hungary accused Austria of delaying the talks. Police "
        "arrested three protesters outside the building.",
        encoding="utf-8",
    )
    db = str(tmp_path / "store.db")
    assert run_cli("ingest", str(page), "--db", db).returncode == 0
    rows = json.loads(run_cli("events", "--db", db, "--format", "json").stdout)
    assert len(rows) >= 2
    for row in rows:  # every event reviewed: the article is complete gold
        assert run_cli("review", "confirm", "event", str(row["id"]), "--db", db, "--reviewer", "ana").returncode == 0
    assert run_cli("review", "export", "--db", db, "-o", str(tmp_path / "gold.json")).returncode == 0
    gold = json.loads((tmp_path / "gold.json").read_text(encoding="utf-8"))
    assert gold["articles"][0]["complete"] is True
    report = score_file(tmp_path / "gold.json", complete_only=True)
    f1 = float(report.rows[0][2])
    assert f1 >= 0.9  # the same pipeline on its own confirmed output
    edited = rows[0]["id"]
    assert (
        run_cli("review", "edit", "event", str(edited), "type", "THREATEN", "--db", db, "--reviewer", "bob").returncode
        == 0
    )
    assert run_cli("review", "export", "--db", db, "-o", str(tmp_path / "gold2.json")).returncode == 0
    assert float(score_file(tmp_path / "gold2.json").rows[0][2]) < f1  # a corrected type is now a miss
    bad = run_cli("eval", "--gold", str(page))
    assert bad.returncode == 1 and b"not a gold file" in bad.stderr
