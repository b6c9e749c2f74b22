"""``newsledger report``: a story, or the events of the articles matching words, as one HTML file that
needs nothing else. The CSS is inlined, the map is inline SVG, there is no script, and the file's own
Content-Security-Policy forbids loading anything, so it opens from an e-mail attachment offline."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib.resources import files
from typing import Any

from newsledger.store import query
from newsledger.store.database import store_errors
from newsledger.store.reader import Store
from newsledger.web import records
from newsledger.web.app import templates
from newsledger.web.links import ReportLinks
from newsledger.web.pages import timeline_days
from newsledger.web.worldmap import world_map

REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"


def report_data(store: Store, story_or_query: str) -> dict[str, Any]:
    """What the report shows, gathered with the store's own queries."""
    everything = query.build_filters(limit=0)
    with store_errors(), store.engine.connect() as conn:
        story_ids = query.matching_stories(conn, story_or_query)
        events = query.timeline(conn, story_or_query, everything)
        if not events and not story_ids:
            raise query.QueryError(f"no story and no article matches {story_or_query!r}")
        story = records.story(conn, story_ids[0]) if len(story_ids) == 1 else None
        if story_ids:
            quotes = query.find_quotes(conn, query.build_filters(story=story_or_query, limit=records.LIST_LIMIT))
        else:
            quotes = query.find_quotes(conn, query.build_filters(search=story_or_query, limit=records.LIST_LIMIT))
    sources: dict[tuple[Any, ...], dict[str, Any]] = {}
    for event in events:
        for source in event["sources_list"]:
            sources.setdefault((source["outlet"], source["headline"], source["url"], source["day"]), source)
    title = story["label"] if story else f"“{story_or_query}”"
    return {
        "title": title,
        "story": story,
        "asked": story_or_query,
        "events": events,
        "days": timeline_days(events),
        "map": world_map(events),
        "quotes": quotes,
        "sources": sorted(sources.values(), key=lambda s: (s["day"] or "", s["outlet"] or "")),
    }


def build_report(store: Store, story_or_query: str) -> tuple[str, int]:
    """The report's HTML and how many events it shows."""
    data = report_data(store, story_or_query)
    css = (files("newsledger.web") / "static" / "style.css").read_text(encoding="utf-8")
    html = (
        templates()
        .get_template("report.html")
        .render(
            links=ReportLinks(),
            css=css,
            csp=REPORT_CSP,
            made=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            **data,
        )
    )
    return html, len(data["events"])
