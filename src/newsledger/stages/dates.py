"""The dates stage: every temporal expression in the text, normalised against the publication date.

Values are ISO 8601 at the precision the text supports: a day ``2025-03-13``, a
month ``2025-03``, a year ``2025`` or an ISO week ``2026-W06``; ``None`` when
the expression cannot be pinned (a relative expression with no publication date,
"a year earlier" with no date before it). Weekdays resolve to the most recent
such day on or before the publication date unless the clause speaks of the
future ("will meet on Friday", "is scheduled for Friday"), then to the next one;
months and days without a year take the nearest year, or the one the tense
points to. "That year", "a day earlier", "the following month" count from the
date mentioned last. Durations ("seven months", "30-day") are not dates and are
not emitted, nor are spans counted from an event ("three years after the war");
nor are quarters, seasons, decades or "now", which the contract's values cannot
express.

Everything is done with precompiled regular expressions; a spaCy ``Doc`` over
the same text, when given, only lends its DATE entities to accept bare years
such as "1990" that the rules would otherwise doubt.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from newsledger.model import DateMention
from newsledger.stage import Work
from newsledger.wordtrie import word_trie

if TYPE_CHECKING:  # spaCy is only needed for the type; the stage works without a parse
    from spacy.tokens import Doc

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
NUMBERS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip

_MONTH_ANY = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?\.?|July?\.?|Aug(?:ust|\.)?"
    r"|Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:1[6-9]\d\d|20\d\d|21\d\d)"
_UNITS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_SPELLED_YEAR = (
    rf"(?:[Nn]ineteen[\s-](?:{_TENS}(?:[\s-]{_UNITS})?|{_TEENS}|hundred(?:\s+and)?(?:[\s-]{_UNITS})?)"
    rf"|[Tt]wo\s+thousand(?:(?:\s+and)?[\s-](?:{_TENS}(?:[\s-]{_UNITS})?|{_TEENS}|{_UNITS}))?"
    rf"|[Tt]wenty[\s-](?:{_TEENS}|{_TENS}(?:[\s-]{_UNITS})?))"
)
_NOT_NUMBER_AFTER = r"(?![\w%]|[.,:/-]\d|\s*(?:%|percent|per\s+cent)\b)"
_DAY_END = r"(?![\w%]|[.,:/]\d|\s*(?:%|percent|per\s+cent)\b)"  # "March 3-5" is read as March 3
# The first word may open a sentence ("Mid-December", "Late last year"), hence the capitals.
_EDGE = (
    r"(?:[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+(?:end|start|beginning|middle)\s+of|[Tt]he\s+(?:first|second)\s+half\s+of)"
)

_ISO = re.compile(rf"(?<![\w-])(?P<y>{_YEAR})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])")
_MDY = re.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_ANY})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?{_DAY_END}"
)
_DMY = re.compile(
    rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})\s+(?:of\s+)?(?P<mon>{_MONTH_ANY})"
    rf"(?:,?\s+(?P<y>{_YEAR}))?{_NOT_NUMBER_AFTER}"
)
_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<edge>{_EDGE})[\s-]*)?(?P<mon>{_MONTH_ANY}),?\s+(?:of\s+)?(?:(?P<y>{_YEAR}){_NOT_NUMBER_AFTER}"
    rf"|(?P<sy>{_SPELLED_YEAR})\b|(?P<rel>(?:last|this|next)\s+year)\b)"
)
_MONTH = re.compile(
    rf"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Tt]his\s+past|[Tt]his\s+coming|[Tt]he\s+coming"
    rf"|(?:{_EDGE})(?:\s+(?:last|this|next))?)[\s-]+)?(?P<mon>{_MONTH_FULL})\b"
)
_WEEKDAY_RE = re.compile(
    rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Tt]his\s+past|[Tt]his\s+coming|[Cc]oming|[Ee]arl(?:y|ier)|[Ll]ater?"
    rf"|(?:[Ee]arly|[Ll]ate)\s+on)\s+)?(?P<wd>{_WEEKDAY})(?P<pos>['’]s)?(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)
_DAYWORD = re.compile(
    r"\b(?:(?P<rel>[Ee]arl(?:y|ier)|[Ll]ater?)\s+)?(?P<w>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|TODAY|YESTERDAY)"
    r"(?:\s+(?P<part>morning|afternoon|evening|night))?\b"
)
_RELATIVE = re.compile(
    r"(?<!\bthe )(?<!\bThe )\b(?:(?P<edge>[Ee]arl(?:y|ier)|[Ll]ater?|[Mm]id"
    r"|[Tt]he\s+(?:end|start|beginning|middle)\s+of)[\s-]+)?(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+(?P<unit>week|month|year)\b"
)
_CURRENT = re.compile(
    r"\b(?:[Tt]he\s+(?:end|start|beginning|middle)\s+of\s+the|[Tt]he\s+(?:current|present|full)(?:\s+fiscal)?)"
    r"\s+(?P<unit>week|month|year)\b|\b(?:the\s+)?(?P<unit2>year)(?:[\s-]end|['’]s\s+end)\b"
)
_AGO = re.compile(
    r"(?<!past )(?<!last )(?<!next )(?<!first )"
    r"\b(?P<n>[Aa]n?|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve"
    r"|\d{1,3})\s+(?P<unit>day|week|month|year|decade)s?\s+(?:or\s+so\s+)?(?P<dir>ago|earlier|later|before|after)\b"
    r"(?!\s+than\b)"
)
_ANAPHORIC = re.compile(
    r"\b(?:(?P<edge>[Ee]arlier|[Ll]ater)\s+)?(?P<det>[Tt]hat(?:\s+same)?|[Tt]he\s+(?:same|following|next|previous|preceding))"
    r"\s+(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b(?!\s+(?:or|of|and)\b|[\s-]+(?:old|long)\b)"
    r"|\b(?P<det2>[Tt]he)\s+(?P<unit2>day|week|month|year)\s+(?P<dir>before|after)\b(?=\s*[,.;:)])"
)
_WEEKEND = re.compile(r"\b(?P<rel>the|this|last|next|this\s+past|this\s+coming)\s+weekend\b", re.I)
_HOLIDAY = re.compile(
    r"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year['’]s(?:\s+(?:Day|Eve))?"
    r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?)(?![\w-])"
)
_YEAR_RE = re.compile(
    rf"(?<![\w$£€¥.,/#-])(?:(?P<edge>{_EDGE}|fiscal|[Ee]arly|[Ll]ate|[Mm]id|post|pre)(?:-|\s+))?(?P<y>{_YEAR})"
    rf"(?![\w%]|[.,/-]\d|['’]?s\b|\s*(?:%|percent)\b)"
)
_SPELLED_YEAR_RE = re.compile(rf"(?<![\w-])(?:(?P<the>the\s+year)\s+)?(?P<sy>{_SPELLED_YEAR})\b(?![\s-]+(?:percent|%))")

_AS_SOON_AS = re.compile(r"\bas\s+(?:early|soon)\s+as\s*$")
_LAST_WORD = re.compile(r"([A-Za-z]+)['’]?[\s-]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n\"“]\s*)$")
_CAPITALISED_BEFORE = re.compile(r"([A-Z][a-z]+\.?)\s+$")
_SPACES = re.compile(r"[\s-]+")
_NEXT_CAPITALISED = re.compile(r"\s+([A-Z][a-z]+)")
_UPCOMING = re.compile(r"upcoming\s*$")
_POSSESSED = re.compile(r"['’]s\s+([a-z]+)")
_WORD_FOLLOWS = re.compile(r"\s*[\w“\"']")
_NOT_HOLIDAY = re.compile(r"\s+Island|['’]s?\s")
_LOWER_FOLLOWS = re.compile(r"\s+[a-z]")
_NEXT_LOWER = re.compile(r"\s+([a-z]+)")
_UPPER_FOLLOWS = re.compile(r"\s+[A-Z]")
_ISO_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CLAUSE_END = re.compile(r"[.!?;:][\"”’']?\s|\n")
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def _words(words: str) -> frozenset[str]:
    """A word set from a space-separated string."""
    return frozenset(words.split())


# Words that make a clause speak of the future; the second set only when "to" (or "for") follows.
_FUTURE_WORDS = _words(
    "will shall wo won't scheduled expected upcoming next coming planned planning intends intended tomorrow "
    "may might should must soon supposed slated due"
)
_FUTURE_IF_TO = _words("plan plans aim aims hope hopes expect expects set intend want wants seek seeks likely going")
_PAST_WORDS = _words(
    "said says told was were had did began met took made came went saw gave held left fought struck shot fell rose "
    "sent won lost spoke wrote led brought thought found fled hit ago last killed since after earlier has have been "
    "got broke ran stood sat kept caught chose drove flew froze hid knew laid lay overran paid put quit read rode "
    "rang sought sold shook slid stole swore threw tore woke wore withdrew set cut"
)
_PAST_AUXILIARIES = _words("said says told was were had did has have been")
_YEAR_PREPS = _words(
    "in since by until till through from to of before after during between and or early late mid fiscal year "
    "around circa"
)
_STRONG_YEAR_PREPS = _words("in since until till during early late mid fiscal year circa")
_QUANTIFIERS = _words("some about approximately nearly almost over than roughly least total only just more")
_COUNT_NOUNS = _words(
    "people persons troops soldiers civilians police officers men women children fighters refugees migrants "
    "residents workers members votes dollars euros tons tonnes barrels feet meters metres kilometers km miles "
    "units cases deaths prisoners hostages homes houses rounds shells rockets missiles drones"
)
_MONTH_PREPS = _words(
    "in since by until till through from to of before after during between and or early late mid last this next "
    "on for throughout"
)
_STRONG_MONTH_PREPS = _words("in since until till during of through by early late mid last this next")
_NOT_YEAR_BEFORE = _words(
    "at resolution flight route highway article no number room code model section chapter paragraph page item "
    "unit case bill law decree amendment rule"
)
_NOT_YEAR_AFTER = re.compile(r"\s*(?:GMT|UTC|hours?|hrs|local\s+time|[AaPp]\.?[Mm]\b)")
_GENERIC_TODAY = _words("world youth society generation standards economy climate technology market markets children")


REACH = 300  # days: how far the tense may pull a day-and-month from the nearest year
_TENSE_WORDS = 10  # how far back (and forward) a tense marker may be


def _tense_of(words: list[str], index: int, original: str) -> str | None:
    """The tense ``words[index]`` marks in its clause, if any (``words`` lower-cased)."""
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    previous = words[index - 1] if index else ""
    if (word in _FUTURE_WORDS and original != "May") or word.endswith(("'ll", "’ll")):
        return "future"  # (the modal "may", not the month)
    if word == "would":
        return "would"  # the future of a past ("said it would reopen in April"): near days only
    if word in _FUTURE_IF_TO and following in ("to", "for"):
        return "future"
    if word == "be" and previous == "to":
        return "future"  # "to be held"
    if word in ("is", "are") and following in ("to", "set", "due"):
        return "future"  # "is to take place"
    if word in _PAST_WORDS or (original.endswith("ed") and original.islower() and len(word) > 4):
        if word in _FUTURE_IF_TO:
            return None
        if previous in ("be", "being", "is", "are") and word not in _PAST_AUXILIARIES:
            return None  # "will be held", "is expected": the auxiliary decides
        return "past"
    return None


@dataclass
class _Context:
    """What the rules need besides the match: the text, the anchor and the parse's DATE spans."""

    text: str
    anchor: date | None
    doc_dates: list[tuple[int, int]]

    def tense(self, start: int, end: int | None = None) -> str | None:
        """``"future"``, ``"would"``, ``"past"``, ``"past_near"`` or None: the nearest tense marker before ``start``.

        The marker must be in the same clause; ``"past_near"`` is a past verb right before the date
        ("was killed on March 3"), which no later date can follow.

        With ``end``, when nothing before decides, the first marker after ``end`` in the clause
        ("In January, the company bought ...").
        """
        window_start = max(0, start - 200)
        for match in _CLAUSE_END.finditer(self.text, window_start, start):
            window_start = match.end()
        words = _WORD.findall(self.text, window_start, start)[-_TENSE_WORDS:]
        lower = [word.lower() for word in words]
        if len(lower) > 1 and lower[-1] in ("until", "till") and lower[-2] != "up":
            return "future"  # a deadline
        if _AS_SOON_AS.search(self.text, max(0, start - 20), start):
            return "future"
        for index in range(len(lower) - 1, -1, -1):
            tense = _tense_of(lower, index, words[index])
            if tense == "past" and all(word in ("on", "in", "at") for word in lower[index + 1 :]):
                return "past_near"  # "began on March 20": nothing between the verb and the date
            if tense is not None:
                return tense
        if end is None:
            return None
        clause = _CLAUSE_END.search(self.text, end, end + 200)
        words = _WORD.findall(self.text, end, clause.start() if clause else end + 200)[:_TENSE_WORDS]
        lower = [word.lower() for word in words]
        for index in range(len(lower)):
            tense = _tense_of(lower, index, words[index])
            if tense is not None:
                return tense
        return None

    def in_doc_date(self, start: int, end: int) -> bool:
        return any(s <= start and end <= e for s, e in self.doc_dates)


@dataclass
class _Candidate:
    """A date expression found by one rule, before overlapping candidates are resolved."""

    start: int
    end: int
    value: str | None
    ref: tuple[str, int] | None = None  # (unit, offset) from the date mentioned last, resolved once spans are final


def _iso_week(day: date) -> str:
    """``2026-W06``: the ISO week holding ``day``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_of(name: str) -> int:
    return MONTHS[name.rstrip(".").lower()]


def _valid(year: int, month: int, day: int) -> date | None:
    """The date, or None when there is no such day."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _word_before(text: str, start: int) -> str:
    """The word just before ``start``, lower-cased ("" when none)."""
    match = _LAST_WORD.search(text, max(0, start - 20), start)
    return match.group(1).lower() if match else ""


def _sentence_start(text: str, start: int) -> bool:
    return _SENTENCE_START.search(text[max(0, start - 4) : start]) is not None


def _previous_capitalised(text: str, start: int) -> bool:
    """Whether a capitalised word, not opening a sentence, comes just before ``start`` ("Theresa May")."""
    match = _CAPITALISED_BEFORE.search(text[max(0, start - 30) : start])
    return match is not None and not _sentence_start(text, start - len(match.group(0)))


def _spelled_year(words: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand and one" -> 2001."""
    tokens = [t for t in _SPACES.split(words.lower()) if t != "and"]
    if tokens[:2] == ["two", "thousand"]:
        return 2000 + sum(NUMBERS[t] for t in tokens[2:])
    if len(tokens) >= 2 and tokens[1] == "hundred":
        return NUMBERS[tokens[0]] * 100 + sum(NUMBERS[t] for t in tokens[2:])
    if not tokens or tokens[0] not in NUMBERS:
        return None
    return NUMBERS[tokens[0]] * 100 + sum(NUMBERS[t] for t in tokens[1:])


def _pick(options: list[date], anchor: date, tense: str | None, reach: int = REACH) -> date:
    """Among candidate days, the one the tense points to when it is within ``reach`` days, else the nearest."""
    if tense == "future":
        ahead = [d for d in options if anchor <= d <= anchor + timedelta(days=reach)]
        if ahead:
            return min(ahead)
    elif tense in ("past", "past_near"):
        reach = 366 if tense == "past_near" else reach
        back = [d for d in options if anchor - timedelta(days=reach) <= d <= anchor]
        if back:
            return max(back)
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor))


def _day_month(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    month = _month_of(match["mon"])
    day = int(match["d"].rstrip("stndrh"))
    if not 1 <= day <= 31:
        return None
    if match["y"]:
        value = _valid(int(match["y"]), month, day)
        return _Candidate(match.start(), match.end(), value.isoformat()) if value else None
    if _valid(2000, month, day) is None:
        return None
    if ctx.anchor is None:
        return _Candidate(match.start(), match.end(), None)
    years = range(ctx.anchor.year - 1, ctx.anchor.year + 2)
    options = [d for y in years if (d := _valid(y, month, day))]
    if match["wd"]:
        weekday = WEEKDAYS[match["wd"].lower()]
        options = [d for d in options if d.weekday() == weekday] or options
    chosen = _pick(options, ctx.anchor, ctx.tense(match.start(), match.end()))
    return _Candidate(match.start(), match.end(), chosen.isoformat())


def _iso(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    value = _valid(int(match["y"]), int(match["m"]), int(match["d"]))
    return _Candidate(match.start(), match.end(), value.isoformat()) if value else None


def _relative_year(anchor: date | None, rel: str) -> int | None:
    if anchor is None:
        return None
    return anchor.year + {"last": -1, "this": 0, "next": 1}[rel.split()[0].lower()]


def _month_year(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    month = _month_of(match["mon"])
    if match["y"]:
        year: int | None = int(match["y"])
    elif match["sy"]:
        year = _spelled_year(match["sy"])
    else:
        year = _relative_year(ctx.anchor, match["rel"])
    return _Candidate(match.start(), match.end(), f"{year}-{month:02d}" if year is not None else None)


def _month(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    text, start = ctx.text, match.start("mon")
    name = match["mon"]
    rel = (match["rel"] or "").lower()
    before = _word_before(text, match.start())
    after = _NEXT_CAPITALISED.match(text, match.end(), match.end() + 30)
    if not rel:
        if before not in _MONTH_PREPS:
            if name in ("May", "March"):
                return None
            if _previous_capitalised(text, start) or (after and after.group(1).lower() not in MONTHS):
                return None  # "Theresa May", "June Carter", "April Ryan"
        elif after and after.group(1).lower() not in MONTHS and before not in _STRONG_MONTH_PREPS:
            return None  # "and April Ryan said"; but "in January Putin said"
    month = _month_of(name)
    anchor = ctx.anchor
    if anchor is None:
        return _Candidate(match.start(), match.end(), None)
    words = rel.split()
    if "last" in words or "past" in words:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif "next" in words or "coming" in words:
        year = anchor.year if month > anchor.month else anchor.year + 1
    elif "this" in words:
        year = anchor.year
    else:
        tense = ctx.tense(match.start(), match.end())
        if tense == "future":
            year = anchor.year if month >= anchor.month else anchor.year + 1
        elif tense in ("past", "past_near"):
            year = anchor.year if month <= anchor.month else anchor.year - 1
        else:  # the nearest such month, the past one on a tie
            gap = month - anchor.month
            year = anchor.year + (1 if gap < -6 else -1 if gap > 6 or gap == 6 else 0)
    return _Candidate(match.start(), match.end(), f"{year}-{month:02d}")


def _weekday(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    end = match.end() if not match["pos"] or match["part"] else match.end("wd")
    anchor = ctx.anchor
    if anchor is None:
        return _Candidate(match.start(), end, None)
    target = WEEKDAYS[match["wd"].lower()]
    rel = (match["rel"] or "").lower().split()
    back = (anchor.weekday() - target) % 7  # days back to the most recent such day, 0 for the anchor itself
    ahead = (target - anchor.weekday()) % 7
    if rel[:1] == ["last"] or rel[-1:] == ["past"]:
        day = anchor - timedelta(days=back or 7)
    elif rel[:1] in (["next"], ["coming"]) or rel[-1:] == ["coming"]:
        day = anchor + timedelta(days=ahead or 7)
    elif match["pos"] and not match["part"]:  # "Wednesday's ruling": the clause's tense is about the ruling
        future = _UPCOMING.search(ctx.text, max(0, match.start() - 12), match.start()) is not None
        day = anchor + timedelta(days=ahead) if future else anchor - timedelta(days=back)
    elif ctx.tense(match.start(), match.end()) in ("future", "would"):
        day = anchor + timedelta(days=ahead)
    else:
        day = anchor - timedelta(days=back)
    return _Candidate(match.start(), end, day.isoformat())


def _dayword(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    following = _POSSESSED.match(ctx.text, match.end(), match.end() + 30)
    if following and following.group(1) in _GENERIC_TODAY:
        return None  # "today's world"
    if not match["rel"] and _word_before(ctx.text, match.start()) == "of":
        return None  # "the leaders of tomorrow"
    if ctx.anchor is None:
        return _Candidate(match.start(), match.end(), None)
    offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[match["w"].lower()]
    return _Candidate(match.start(), match.end(), (ctx.anchor + timedelta(days=offset)).isoformat())


def _unit_value(day: date, unit: str) -> str:
    if unit == "day":
        return day.isoformat()
    if unit == "week":
        return _iso_week(day)
    if unit == "month":
        return f"{day.year}-{day.month:02d}"
    return str(day.year)


def _shift(day: date, unit: str, count: int) -> date:
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    if unit == "month":
        year, month = _shift_month(day.year, day.month, count)
        return date(year, month, 1)
    return date(day.year + count, 1, 1)


def _relative(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    if ctx.anchor is None:
        return _Candidate(match.start(), match.end(), None)
    step = {"last": -1, "this": 0, "next": 1}[match["rel"].lower()]
    unit = match["unit"]
    return _Candidate(match.start(), match.end(), _unit_value(_shift(ctx.anchor, unit, step), unit))


def _current(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    if ctx.anchor is None:
        return _Candidate(match.start(), match.end(), None)
    unit = match["unit"] or match["unit2"]
    return _Candidate(match.start(), match.end(), _unit_value(ctx.anchor, unit))


def _ago(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    word = match["n"].lower()
    count = int(word) if word.isdigit() else NUMBERS[word]
    unit = match["unit"]
    if unit == "decade":
        unit, count = "year", count * 10
    if match["dir"] == "ago":
        if ctx.anchor is None:
            return _Candidate(match.start(), match.end(), None)
        return _Candidate(match.start(), match.end(), _unit_value(_shift(ctx.anchor, unit, -count), unit))
    if match["dir"] in ("before", "after") and _WORD_FOLLOWS.match(ctx.text, match.end(), match.end() + 3):
        # "three years after the war", "a day after the raid": a span counted from an event, not a date
        # the rules can pin; left out like any duration rather than kept without a value.
        return None
    sign = -1 if match["dir"] in ("earlier", "before") else 1
    return _Candidate(match.start(), match.end(), None, (unit, sign * count))


def _anaphoric(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    before = _word_before(ctx.text, match.start())
    if before in ("over", "within", "during", "for", "throughout", "all", "whole", "entire"):
        return None  # "over the next year": a duration
    if match["det2"]:
        return _Candidate(match.start(), match.end(), None, (match["unit2"], -1 if match["dir"] == "before" else 1))
    det = match["det"].lower().split()
    offset = 1 if det[-1] in ("following", "next") else -1 if det[-1] in ("previous", "preceding") else 0
    unit = match["unit"] if match["unit"] in ("day", "week", "month", "year") else "day"  # "the next morning"
    return _Candidate(match.start(), match.end(), None, (unit, offset))


def _weekend(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    anchor = ctx.anchor
    if anchor is None:
        return _Candidate(match.start(), match.end(), None)
    rel = match["rel"].lower().split()
    saturday_back = (anchor.weekday() - 5) % 7
    last = anchor - timedelta(days=saturday_back)  # Saturday of the weekend in progress or just gone
    in_weekend = anchor.weekday() >= 5
    if rel[0] == "last" or rel[-1] == "past":
        day = last if not in_weekend else last - timedelta(days=7)
    elif rel[0] == "next" or rel[-1] == "coming":
        day = last + timedelta(days=7)
    elif rel[0] == "this":
        day = last if in_weekend else last + timedelta(days=7)
    else:
        future = ctx.tense(match.start()) in ("future", "would")
        day = last + timedelta(days=7) if future and not in_weekend else last
    return _Candidate(match.start(), match.end(), _iso_week(day))


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday_date(name: str, year: int) -> date:
    name = name.lower()
    if name.startswith("christmas"):
        return date(year, 12, 24 if name.endswith("eve") else 25)
    if name.startswith("new year"):
        return date(year, 12, 31) if name.endswith("eve") else date(year, 1, 1)
    if name.startswith("thanksgiving"):  # the fourth Thursday of November (United States)
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    return _easter(year)


def _holiday(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    after = ctx.text[match.end() : match.end() + 12]
    if _NOT_HOLIDAY.match(after) and not match["h"].lower().startswith("new"):
        return None  # "Christmas Island", "Easter's message"
    anchor = ctx.anchor
    if anchor is None:
        return _Candidate(match.start(), match.end(), None)
    options = [_holiday_date(match["h"], y) for y in range(anchor.year - 1, anchor.year + 2)]
    rel = (match["rel"] or "").lower()
    if rel == "last":
        chosen = max(d for d in options if d < anchor)
    elif rel == "next":
        chosen = min(d for d in options if d > anchor)
    elif rel == "this":
        chosen = options[1]
    else:
        chosen = _pick(options, anchor, ctx.tense(match.start()), reach=300)
    return _Candidate(match.start(), match.end(), chosen.isoformat())


def _spelled(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    year = _spelled_year(match["sy"])
    if year is None or not 1000 <= year <= 2199:
        return None
    lowercase_after = _LOWER_FOLLOWS.match(ctx.text, match.end(), match.end() + 3) is not None
    if not match["the"] and lowercase_after and _word_before(ctx.text, match.start()) not in _STRONG_YEAR_PREPS:
        return None  # "nineteen ninety-six people" read aloud
    return _Candidate(match.start(), match.end(), str(year))


def _year(match: re.Match[str], ctx: _Context) -> _Candidate | None:
    text = ctx.text
    year = int(match["y"])
    before = _word_before(text, match.start("y"))
    after = text[match.end() : match.end() + 24]
    next_word = _NEXT_LOWER.match(after)
    strong = match["edge"] or before in _STRONG_YEAR_PREPS or ctx.in_doc_date(match.start("y"), match.end())
    if not strong:
        if before in _NOT_YEAR_BEFORE or _NOT_YEAR_AFTER.match(after):
            return None  # "at 1830 GMT", "Resolution 2139"
        round_hundred = year % 100 == 0
        capital_after = _UPPER_FOLLOWS.match(after) is not None
        if year > (ctx.anchor.year + 30 if ctx.anchor else 2100):
            return None
        if round_hundred and not (before in ("the", "a", "its", "his", "her", "their") and capital_after):
            return None  # "2000 soldiers", "1500 police officers"; but "the 2000 Olympics"
        counted = next_word is not None and next_word.group(1) not in ("and", "or", "to", "when", "as", "through")
        if counted and (before in _QUANTIFIERS or next_word.group(1) in _COUNT_NOUNS):  # type: ignore[union-attr]
            return None  # "more than 2024 volunteers", "1850 people"
    return _Candidate(match.start(), match.end(), str(year))


_Rule = tuple[re.Pattern[str], Callable[[re.Match[str], _Context], _Candidate | None]]
_MONTH_RULES: list[_Rule] = [(_MDY, _day_month), (_DMY, _day_month), (_MONTH_YEAR, _month_year), (_MONTH, _month)]
_UNIT_RULES: list[_Rule] = [
    (_RELATIVE, _relative),
    (_CURRENT, _current),
    (_AGO, _ago),
    (_ANAPHORIC, _anaphoric),
    (_WEEKEND, _weekend),
]
# Scanning the text once per pattern is slow (every pattern opens with an assertion or an optional
# modifier, which defeats the regex engine's prefix search): one literal scan finds the words every
# date expression contains, then only the patterns those words call for are tried, anchored at the
# trigger word or at one of the few words before it.
_TRIGGERS: dict[str, list[_Rule]] = {
    **{name: _MONTH_RULES for name in _words("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec")},
    **{
        name: [(_WEEKDAY_RE, _weekday), (_MDY, _day_month), (_DMY, _day_month)]
        for name in _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
    },
    **{
        name: [(_DAYWORD, _dayword)]
        for name in _words("today Today TODAY tonight Tonight yesterday Yesterday YESTERDAY tomorrow Tomorrow")
    },
    **{name: _UNIT_RULES for name in _words("day Day week Week month Month year Year decade Decade")},
    **{name: [(_ANAPHORIC, _anaphoric)] for name in _words("morning afternoon evening night")},
    **{name: [(_HOLIDAY, _holiday)] for name in ("Christmas", "Easter", "Thanksgiving", "New Year")},
    **{
        name: [(_SPELLED_YEAR_RE, _spelled)]
        for name in ("nineteen", "Nineteen", "two thousand", "Two thousand", "twenty", "Twenty")
    },
}


_TRIGGER = re.compile(word_trie(_TRIGGERS))
_YEAR_TRIGGER = re.compile(r"1[6-9]\d\d|2[01]\d\d")
_YEAR_RULES: list[_Rule] = [(_ISO, _iso), (_YEAR_RE, _year)]
_LOOKBACK = 40  # characters before a trigger word where a date expression may start ("the end of", "Friday, ")
_PREFIX = re.compile(
    r"(?<![\w'’.])(?:"
    + word_trie(
        _words(
            "last this next coming past the early earlier late later mid a an one two three four five six seven eight "
            "nine ten eleven twelve that fiscal post pre monday tuesday wednesday thursday friday saturday sunday"
        )
    )
    + r"|\d+(?:st|nd|rd|th)?)\b"
)


def _starts(lower: str, start: int) -> list[int]:
    """Where an expression containing the word at ``start`` may begin: that word or a modifier shortly before it.

    ``lower`` is the text in lower case (same offsets).
    """
    return [match.start() for match in _PREFIX.finditer(lower, max(0, start - _LOOKBACK), start)] + [start]


_PRECISION = {"year": 4, "month": 7, "week": 10, "day": 10}


def _resolve(unit: str, offset: int, reference: str | None) -> str | None:
    """A value ``offset`` units from the reference value, if the reference is precise enough."""
    if reference is None or "W" in reference or len(reference) < _PRECISION[unit]:
        return None
    parts = [int(part) for part in reference.split("-")] + [1, 1]
    return _unit_value(_shift(date(parts[0], parts[1], parts[2]), unit, offset), unit)


def find_dates(text: str, anchor: date | None, doc: Doc | None = None) -> list[DateMention]:
    """Every temporal expression in ``text``, in order, normalised against ``anchor`` (the publication date).

    ``doc`` is an optional spaCy parse of exactly ``text``; its DATE entities vouch for doubtful bare years.
    """
    doc_dates: list[tuple[int, int]] = []
    if doc is not None:
        doc_dates = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ == "DATE"]
    ctx = _Context(text, anchor, doc_dates)
    found: dict[tuple[int, int, int], _Candidate | None] = {}
    hits = [(m.start(), m.end(), _TRIGGERS[m.group()]) for m in _TRIGGER.finditer(text)]
    hits += [(m.start(), m.end(), _YEAR_RULES) for m in _YEAR_TRIGGER.finditer(text)]
    lower = text.lower()
    for hit_start, hit_end, rules in hits:
        starts = _starts(lower, hit_start)
        for pattern, handler in rules:
            for start in starts:
                match = pattern.match(text, start)
                if match is None or match.end() < hit_end:
                    continue
                key = (id(pattern), match.start(), match.end())
                if key not in found:
                    found[key] = handler(match, ctx)
    candidates = [candidate for candidate in found.values() if candidate is not None]
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    mentions: list[DateMention] = []
    last_end = -1
    reference: str | None = None  # the value of the date mentioned last
    for candidate in candidates:
        start, end, value = candidate.start, candidate.end, candidate.value
        if start < last_end:
            continue
        while end > start and text[end - 1] in " ,":
            end -= 1
        if candidate.ref is not None:
            value = _resolve(*candidate.ref, reference)
        mentions.append(DateMention(text=text[start:end], start=start, end=end, value=value))
        if candidate.ref is None:  # "a year earlier ... a year earlier" compares with the same time, not a chain
            reference = value or reference
        last_end = end
    return mentions


def parse_anchor(published: str | None) -> date | None:
    """The date part of a publication date: ISO date or date-time, RFC 2822, or anything ``dateparser`` reads."""
    if not published or not published.strip():
        return None
    value = published.strip()
    match = _ISO_PREFIX.match(value)
    if match:
        return _valid(int(match[1]), int(match[2]), int(match[3]))
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        import dateparser

        parsed: datetime | None = dateparser.parse(value, languages=["en"], settings={"STRICT_PARSING": True})
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    return parsed.date() if parsed else None


class DateStage:
    """Adds the ``dates`` layer: every temporal expression with its span and normalised value."""

    name = "dates"
    requires = ("doc",)
    assigns = ("dates",)

    def __call__(self, batch: list[Work]) -> None:
        for work in batch:
            article = work.article
            article.dates = find_dates(article.text, parse_anchor(article.published), work.doc)
