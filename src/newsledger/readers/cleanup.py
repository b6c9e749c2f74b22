"""Small text helpers every reader shares: page dates, datelines, language, ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

# Page date formats seen on news sites; the year may be glued to a time ("20258:14 PM").
_DATE_FORMS = [
    re.compile(r"(?P<day>\d{1,2})(?:st|nd|rd|th)? " + _MONTH + r",? (?P<year>\d{4})", re.I),
    re.compile(_MONTH + r" (?P<day>\d{1,2})(?:st|nd|rd|th)?,? (?P<year>\d{4})", re.I),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"),
    re.compile(r"(?P<day>\d{1,2})[/.](?P<month>\d{1,2})[/.](?P<year>\d{4})"),
]


def find_page_date(line: str) -> str | None:
    """The first calendar date printed in ``line``, as ``YYYY-MM-DD``, or None."""
    for form in _DATE_FORMS:
        for match in form.finditer(line):
            month_text = match.group("month")
            month = int(month_text) if month_text.isdigit() else MONTHS[month_text.lower()]
            day, year = int(match.group("day")), int(match.group("year"))
            if month > 12 and day <= 12 and "/" in match.group(0):
                day, month = month, day  # US order, 05/26/2024
            try:
                return datetime(year, month, day).date().isoformat()
            except ValueError:
                continue
    return None


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def normalise_timestamp(value: object) -> str | None:
    """A record's published/updated value as an ISO 8601 date or date-time string."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)):
        # Epoch seconds (or milliseconds) as some feeds store them.
        try:
            seconds = value / 1000 if value > 1e11 else value  # an int too large for a float overflows here
            return datetime.utcfromtimestamp(seconds).strftime("%Y-%m-%dT%H:%M:%SZ")
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if _ISO_DATE.match(text):
        return text
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return find_page_date(text)
    if parsed.tzinfo is None:
        return parsed.strftime("%Y-%m-%dT%H:%M:%S")
    return parsed.isoformat().replace("+00:00", "Z")


# "MOSCOW:", "KYIV, Ukraine (AP) —", "LONDON, March 13 (Reuters) -", "GAZA CITY (AFP) -",
# "WASHINGTON —", "BEIRUT, Lebanon, May 21 (Xinhua) --".
_DATELINE = re.compile(
    r"""^(?P<place>[A-Z][A-Z'’.\-]+(?:\ [A-Z][A-Z'’.\-]+){0,3})
        (?:,\ (?P<region>[A-Z][A-Za-z.’'\-]+(?:\ [A-Z][A-Za-z.’'\-]+){0,3}))?
        (?:,\ (?P<date>[A-Z][a-z]{2,8}\.?\ \d{1,2}))?
        \ ?(?:\((?P<agency>[A-Za-z][\w.&\- ]{0,30})\)\ ?)?
        (?P<sep>:|—|–|--|-)\ +(?=\S)""",
    re.X,
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Split ``"MOSCOW: An envoy ..."`` into ``("MOSCOW", "An envoy ...")``."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    place = match.group("place")
    # A colon after a capitalised word is also how a subhead or label reads ("UPDATE: ...");
    # require a place-like capital word of 3+ letters and no sentence-like tail.
    if len(place.replace(" ", "")) < 3 or place in {"UPDATE", "BREAKING", "NOTE", "EDITOR'S NOTE"}:
        return None, paragraph
    return place, paragraph[match.end() :]


# Words that make up a large share of any English prose.
_ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "with",
        "as",
        "was",
        "by",
        "it",
        "at",
        "from",
        "his",
        "he",
        "said",
        "be",
        "are",
        "has",
        "have",
        "an",
        "not",
        "but",
        "its",
        "were",
        "will",
        "their",
        "they",
        "this",
        "which",
        "who",
        "had",
        "been",
        "after",
        "would",
        "also",
        "more",
        "than",
        "over",
        "she",
        "her",
        "about",
        "into",
        "one",
        "two",
        "we",
        "our",
        "us",
    ]
)
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """``"en"`` for English prose, else a rough label (script or ``"non-en"``); None if too short."""
    words = _WORD.findall(text[:5000])
    if len(words) < 20:
        return None
    english = sum(word.lower() in _ENGLISH_FUNCTION_WORDS for word in words)
    if english / len(words) >= 0.12:
        return "en"
    letters = [ch for word in words[:300] for ch in word]
    scripts: dict[str, int] = {}
    for ch in letters:
        name = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
        scripts[name] = scripts.get(name, 0) + 1
    script = max(scripts, key=scripts.__getitem__)
    return "non-en" if script == "LATIN" else script.lower()


def article_id(*parts: str | None) -> str:
    """A stable id from an article's content, so the same article always gets the same id."""
    digest = hashlib.sha1("\x1f".join(part or "" for part in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def clean_line(line: str) -> str:
    """Normalise the invisible differences between scraped copies of the same line."""
    line = line.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"[ \t]+", " ", line).strip()
