"""Where a fact links to: a page of the app, an anchor inside a report, or nowhere; and which
article URLs may be links at all (``http``/``https`` only: a ``javascript:`` URL stays text)."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from newsledger.store.query import DAY

SAFE_SCHEMES = ("http", "https")


def safe_url(url: object) -> str | None:
    """The URL when it is an http(s) address with a host, else None: untrusted text never becomes a link
    that runs script or opens another scheme."""
    if not isinstance(url, str):
        return None
    value = url.strip()
    if any(ord(ch) < 0x20 or ch.isspace() for ch in value):
        return None  # browsers drop tabs and newlines inside schemes: "java\tscript:" must not pass
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.hostname:
        return None
    return value


class AppLinks:
    """Links between the web app's pages."""

    report = False

    def story(self, story_id: int | None) -> str | None:
        return None if story_id is None else f"/stories/{int(story_id)}"

    def event(self, event_id: int) -> str | None:
        return f"/events/{int(event_id)}"

    def actor(self, entity_id: int | None) -> str | None:
        return None if entity_id is None else f"/actors/{int(entity_id)}"

    def place(self, place_id: int | None) -> str | None:
        return None if place_id is None else f"/places/{int(place_id)}"

    def article(self, article_row: int, start: int | None = None, end: int | None = None) -> str | None:
        if start is None or end is None:
            return f"/articles/{int(article_row)}"
        return f"/articles/{int(article_row)}?start={int(start)}&end={int(end)}#focus"

    def quote(self, quote_id: int) -> str | None:
        return f"/quotes/{int(quote_id)}"

    def day(self, value: str | None) -> str | None:
        """A date read in a text links to the events of that day (month, year)."""
        if not value or not DAY.fullmatch(value):
            return None
        return "/events?" + urlencode({"since": value, "until": value})

    def near(self, lat: float, lon: float) -> str | None:
        return "/events?" + urlencode({"near": f"{lat:.4f},{lon:.4f}", "radius": "1"})

    def review(self, kind: str, fact_id: int) -> str | None:
        """A fact's review page (a quote has no page of its own otherwise)."""
        return f"/review/{kind}/{fact_id}"


class ReportLinks(AppLinks):
    """Links inside a self-contained report: events to their entry below, nothing to a server."""

    report = True

    def story(self, story_id: int | None) -> str | None:
        return None

    def event(self, event_id: int) -> str | None:
        return f"#event-{int(event_id)}"

    def actor(self, entity_id: int | None) -> str | None:
        return None

    def place(self, place_id: int | None) -> str | None:
        return None

    def article(self, article_row: int, start: int | None = None, end: int | None = None) -> str | None:
        return f"#article-{int(article_row)}"

    def quote(self, quote_id: int) -> str | None:
        return None

    def day(self, value: str | None) -> str | None:
        return None

    def near(self, lat: float, lon: float) -> str | None:
        return None

    def review(self, kind: str, fact_id: int) -> str | None:
        return None  # a report is read, not reviewed
