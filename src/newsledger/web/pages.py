"""What each page shows: one function per page gathers its records from the store. The page renders
them; ``/api/...`` returns the ``api`` part as JSON. List pages return exactly the CLI's records."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection
from starlette.exceptions import HTTPException
from starlette.requests import Request

from newsledger.store import query
from newsledger.web import records
from newsledger.web.annotate import Mark, Run, Span, paragraph_around, runs
from newsledger.web.filters import LIST_FILTERS, filters_from, query_string
from newsledger.web.links import AppLinks
from newsledger.web.worldmap import world_map

FINDERS: dict[str, Callable[[Connection, query.Filters], list[dict[str, Any]]]] = {
    "events": query.find_events,
    "quotes": query.find_quotes,
    "entities": query.find_entities,
    "places": query.find_places,
    "stories": query.find_stories,
}
LAYERS = [  # the article reader's layers: (name, what the legend says)
    ("entity", "people, organisations, countries"),
    ("place", "places"),
    ("date", "dates"),
    ("trigger", "event triggers"),
    ("quote", "quotes and their speakers"),
]
MAP_EVENTS = 500  # events drawn on the overview's map
STORY_EVENTS = 200  # a story's timeline shows its first 200 events unless ?limit= asks (0: all)
links = AppLinks()


def _int(request: Request, name: str = "id") -> int:
    return int(request.path_params[name])


def _not_found(what: str, number: int) -> HTTPException:
    return HTTPException(404, f"no {what} {number} in this store")


def timeline_days(event_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events by day, asserted facts apart from claims (and every other status), each side by type."""
    days: dict[str, dict[str, dict[str, list[dict[str, Any]]]]] = defaultdict(
        lambda: {"asserted": defaultdict(list), "claims": defaultdict(list)}
    )
    for row in event_rows:
        side = "asserted" if row["status"] == "asserted" else "claims"
        days[row["day"] or "undated"][side][row["type"]].append(row)
    ordered = sorted(days.items(), key=lambda item: (item[0] == "undated", item[0]))
    return [
        {"day": day, "asserted": sorted(sides["asserted"].items()), "claims": sorted(sides["claims"].items())}
        for day, sides in ordered
    ]


def overview(request: Request, conn: Connection) -> dict[str, Any]:
    counts = records.counts(conn)
    largest = query.find_stories(conn, query.Filters(limit=10))
    newest = records.newest_stories(conn)
    mapped = query.find_events(conn, query.Filters(limit=MAP_EVENTS))
    return {
        "counts": counts,
        "largest": largest,
        "newest": newest,
        "map": world_map(mapped),
        "api": {"counts": counts, "largest_stories": largest, "newest_stories": newest},
    }


def _list(kind: str, title: str) -> Callable[[Request, Connection], dict[str, Any]]:
    allowed = LIST_FILTERS[kind]

    def build(request: Request, conn: Connection) -> dict[str, Any]:
        f = filters_from(request.query_params, allowed)
        rows = FINDERS[kind](conn, f)
        data: dict[str, Any] = {"title": title, "kind": kind, "rows": rows, "allowed": allowed, "api": rows}
        data["given"] = query_string(request.query_params, allowed)
        if kind == "events":
            data["map"] = world_map(rows)
        return data

    return build


def story(request: Request, conn: Connection) -> dict[str, Any]:
    number = _int(request)
    found = records.story(conn, number)
    if found is None:
        raise _not_found("story", number)
    f = filters_from(request.query_params, LIST_FILTERS["timeline"])
    if "limit" not in request.query_params:
        f.limit = STORY_EVENTS
    events = query.timeline(conn, str(number), f)
    actors = records.story_actors(conn, number)
    quotes = records.story_quotes(conn, number)
    sources = records.story_articles(conn, number)
    return {
        "title": found["label"],
        "story": found,
        "events": events,
        "days": timeline_days(events),
        "map": world_map(events),
        "actors": actors,
        "quotes": quotes,
        "sources": sources,
        "allowed": LIST_FILTERS["timeline"],
        "given": query_string(request.query_params, LIST_FILTERS["timeline"]),
        "capped": f.limit is not None and len(events) >= f.limit,
        "api": {"story": found, "timeline": events, "actors": actors, "quotes": quotes, "sources": sources},
    }


def sentence_runs(report: dict[str, Any]) -> list[Run]:
    """The paragraph holding a report's sentence, the sentence as the focus and its trigger marked."""
    text = report["text"]
    s_start, s_end = report["sentence_start"], report["sentence_end"]
    left, right = paragraph_around(text, s_start, s_end)
    left, right = min(left, s_start), max(right, s_end)
    shown = text[left:right]
    trigger = Mark("trigger", report["trigger_start"] - left, report["trigger_end"] - left, None, report["type"])
    focus = Span("focus", s_start - left, s_end - left, "sentence")
    result = runs(shown, [trigger], [focus])
    for run in result:
        run.start += left
        run.end += left
    return result


def event(request: Request, conn: Connection) -> dict[str, Any]:
    number = _int(request)
    found = records.event(conn, number)
    if found is None:
        raise _not_found("event", number)
    actors = {
        "actor1": records.entity_summary(conn, found["actor1_entity_id"]) if found["actor1_entity_id"] else None,
        "actor2": records.entity_summary(conn, found["actor2_entity_id"]) if found["actor2_entity_id"] else None,
    }
    reports = found["reports_list"]
    for report in reports:
        report["runs"] = sentence_runs(report)
    api = {key: value for key, value in found.items() if key != "reports_list"}
    api["reports_list"] = [
        {key: value for key, value in report.items() if key not in ("text", "runs")}
        | {"sentence": report["text"][report["sentence_start"] : report["sentence_end"]]}
        for report in reports
    ]
    return {
        "title": f"{found['type']} {found['day'] or ''}",
        "event": found,
        "actors": {role: _actor_summary(entity) for role, entity in actors.items()},
        "reports": reports,
        "map": world_map([found]),
        "api": api,
    }


def _actor_summary(entity: dict[str, Any] | None) -> dict[str, Any] | None:
    if entity is None:
        return None
    return {key: entity[key] for key in ("id", "name", "type", "country", "actor_code", "roles")}


def article_runs(found: dict[str, Any], focus: tuple[int, int] | None) -> list[Run]:
    marks = [
        Mark("entity", m["start"], m["end"], links.actor(m["entity_id"]), _label(m["type"], m["name"], m["country"]))
        for m in found["entities"]
    ]
    marks += [
        Mark("place", m["start"], m["end"], links.place(m["place_id"]), _label("PLACE", m["name"], m["country"]))
        for m in found["places"]
    ]
    marks += [
        Mark("date", m["start"], m["end"], links.day(m["value"]), _label("DATE", m["value"] or m["text"], None))
        for m in found["dates"]
    ]
    marks += [
        Mark("trigger", m["start"], m["end"], links.event(m["event_id"]), _label(m["type"], m["status"], None))
        for m in found["events"]
    ]
    spans = [
        Span(
            "quote",
            q["start"],
            q["end"],
            f"q{q['id']}",
            q["speaker"] or "unknown speaker",
            links.actor(q["speaker_entity_id"]),
        )
        for q in found["quotes"]
    ]
    if focus is not None:
        spans.append(Span("focus", focus[0], focus[1], "focus"))
    return runs(found["text"], marks, spans)


def _label(kind: str, name: str | None, country: str | None) -> str:
    return " ".join(part for part in (kind, name or "", f"({country})" if country else "") if part)


def article(request: Request, conn: Connection) -> dict[str, Any]:
    number = _int(request)
    found = records.article(conn, number)
    if found is None:
        raise _not_found("article", number)
    focus = _focus(request, len(found["text"]))
    return {
        "title": found["headline"] or f"article {number}",
        "article": found,
        "runs": article_runs(found, focus),
        "focus": focus,
        "api": found,
    }


def _focus(request: Request, length: int) -> tuple[int, int] | None:
    start, end = request.query_params.get("start"), request.query_params.get("end")
    if start is None or end is None:
        return None
    if not (start.isdigit() and end.isdigit()) or not int(start) < int(end) <= length:
        raise query.QueryError(f"start and end want offsets inside the text (0 to {length}), not {start!r}, {end!r}")
    return int(start), int(end)


def actor(request: Request, conn: Connection) -> dict[str, Any]:
    number = _int(request)
    found = records.entity(conn, number)
    if found is None:
        raise _not_found("actor", number)
    return {
        "title": found["name"],
        "actor": found,
        "list_limit": records.LIST_LIMIT,
        "map": world_map(found["as_actor"] + found["as_target"]),
        "api": found,
    }


def place(request: Request, conn: Connection) -> dict[str, Any]:
    number = _int(request)
    found = records.place(conn, number)
    if found is None:
        raise _not_found("place", number)
    located = [found["events"][0]] if found["events"] else []
    if not located and found["lat"] is not None:
        located = [{"lat": found["lat"], "lon": found["lon"], "place": found["name"], "status": "asserted"}]
    return {
        "title": found["name"],
        "place": found,
        "list_limit": records.LIST_LIMIT,
        "map": world_map(found["events"] or located),
        "api": found,
    }


PAGES: list[tuple[str, str, Callable[[Request, Connection], dict[str, Any]]]] = [
    ("/", "overview", overview),
    ("/events", "list", _list("events", "Events")),
    ("/quotes", "list", _list("quotes", "Quotes")),
    ("/actors", "list", _list("entities", "Actors and names")),
    ("/places", "list", _list("places", "Places")),
    ("/stories", "list", _list("stories", "Stories")),
    ("/stories/{id:int}", "story", story),
    ("/events/{id:int}", "event", event),
    ("/articles/{id:int}", "article", article),
    ("/actors/{id:int}", "actor", actor),
    ("/places/{id:int}", "place", place),
]
