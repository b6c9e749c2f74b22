"""Plain-text page dumps: what a person gets by copying one or more news pages.

A dump is a run of lines. Each line is classified (furniture, page date, byline,
bullet, caption, prose, short line); an article is a header block (headline,
dates, captions, bullets) followed by a body of prose. A short line after a body
opens a new article when a header follows it (a page date, a repeated headline,
bullets, a byline, a caption, or a dateline on the next paragraph).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from itertools import islice

from newsledger.model import Article
from newsledger.readers.cleanup import article_id, clean_line, find_page_date, split_dateline


class Kind(Enum):
    BLANK = "blank"
    FURNITURE = "furniture"
    DATE = "date"
    BYLINE = "byline"
    BULLET = "bullet"
    CAPTION = "caption"
    PROSE = "prose"
    SHORT = "short"


# Whole lines that are page furniture on news sites (matched case-insensitively).
_FURNITURE = re.compile(
    r"""^(?:
        short\ url | follow | following | share(?:\ this(?:\ article|\ story)?)? | save | print
      | copy\ link | link\ copied | read\ more | (?:read|see)\ also\b.* | also\ read\b.* | advertising
      | leave\ a\ (?:reply|comment) | comments?(?:\ \(\d+\))?
      | related(?:\ (?:articles?|stories|topics|news|coverage|content))?:? | advertisement
      | skip\ (?:to\ )?(?:main\ )?content | listen(?:\ to\ (?:this\ )?article)?(?:\ \d+\ min)?
      | \d+\ min(?:ute)?s?\ read | sign\ up(?:\ here)?\.? | subscribe | most\ (?:read|popular)
      | trending | suggested\ topics:? | purchase\ licensing\ rights | our\ standards:.*
      | reporting\ by\ .* | (?:additional\ )?(?:writing|editing|compiled)\ by\ .*
      | (?:sign\ up|subscribe)\ (?:to|for)\ .*
      | image\ source,.* | media\ caption,.* | getty\ images | ends | \#{3,} | -{3,} | \*{3,}
      | media\ (?:contact|enquiries|inquiries):?.* | for\ immediate\ release | press\ release
      | news\ release | (?:facebook|twitter|x|whatsapp|linkedin|email|telegram)(?:\ \S+)?
      | add\ .*\ on\ google | back\ to\ top | view\ comments | more\ (?:from|on)\ .{0,40}
      | tags?:.* | topics?:.* | filed\ under:?.* | photo:.* | video:.* | watch:.* | accept
      | © .* | copyright\ .*
    )$""",
    re.X | re.I,
)
# Consent banners and newsletter pitches run long, so they are matched whatever their length.
_BANNER = re.compile(r"\b(?:cookies?|newsletters?|privacy policy|terms of (?:use|service))\b", re.I)
# Job lines printed under a byline ("Eastern Europe correspondent").
_ROLE_LINE = re.compile(
    r"^[\w ,.&'’-]{0,50}\b(?:correspondent|reporter|editor|writer|bureau chief|contributor)s?$", re.I
)
_NAME_LINE = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}$")
_DATE_PREFIX = re.compile(
    r"^(?:(?:last\ )?updated|published|posted|first\ published|date|issued|released)\b[:\s]*",
    re.I | re.X,
)
_RELATIVE_DATE = re.compile(
    r"^(?:updated|published|posted)?\s*:?\s*(?:\d+|an?|one)\s+(?:second|minute|hour|day|week)s?\s+ago$",
    re.I,
)
_BYLINE = re.compile(r"^by\s+(?P<names>[A-Z][\w.'’\- ]+(?:(?:,| and| &)\s*[A-Z][\w.'’\- ]+)*)$", re.I)
_BULLET = re.compile(r"^\s*(?:[•▪●◦‣∙·*]|-(?=\s))\s*(?P<text>.+)$")
# A photo credit at the end of a line: "(AFP)", "(AP Photo/Efrem Lukatsky)", "(Reuters/Jane Doe)".
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photograph|pictures?|images?|file|handout)\b[^()]*"
    r"|afp|ap|reuters|getty|epa|xinhua|anadolu|[^()]{2,40}/[^()]{2,40})\)\.?$"
    # Wire credits without brackets: "REUTERS/Samir Haddad/File Photo", "AFP via Getty Images".
    r"|\b[A-Z]{2,}/[A-Z][\w .'’-]+(?:/File Photo)?$|\b(?:via )?Getty Images$",
    re.I,
)
_CAPTION_PREFIX = re.compile(r"^(?:image\ caption|caption|photo\ caption|file\ photo)\s*[,:]\s*", re.I | re.X)
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")


def classify(line: str) -> Kind:
    """What one cleaned line of a page dump is."""
    if not line:
        return Kind.BLANK
    if _BULLET.match(line):
        return Kind.BULLET
    words = line.split()
    if (_FURNITURE.match(line) and len(words) <= 15) or (_BANNER.search(line) and len(words) <= 40):
        return Kind.FURNITURE
    if _CAPTION_PREFIX.match(line) or (len(line) > 25 and _PHOTO_CREDIT.search(line)):
        return Kind.CAPTION
    if len(line) <= 100 and (_DATE_PREFIX.match(line) or len(words) <= 8) and find_page_date(line):
        return Kind.DATE
    if len(line) <= 60 and _RELATIVE_DATE.match(line):
        return Kind.FURNITURE
    if _ROLE_LINE.match(line):
        return Kind.FURNITURE
    if len(words) <= 8 and _BYLINE.match(line):
        return Kind.BYLINE
    if (len(words) >= 8 and _SENTENCE_END.search(line)) or len(words) >= 30:
        return Kind.PROSE
    return Kind.SHORT


@dataclass
class _Draft:
    """An article being assembled from lines."""

    header: list[tuple[Kind, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    standfirst: list[str] = field(default_factory=list)
    header_after_body: bool = False  # a caption, date or byline came after the first paragraph

    def to_article(self, source: str) -> Article | None:
        if not self.body:
            return None
        headline = _pick_headline(self.header)
        dates = [find_page_date(line) for kind, line in self.header if kind is Kind.DATE]
        updated = next(
            (find_page_date(line) for kind, line in self.header
             if kind is Kind.DATE and re.match(r"(?:last\s+)?updated", line, re.I)),
            None,
        )  # fmt: skip
        dateline, first = split_dateline(self.body[0])
        paragraphs = [first, *self.body[1:]]
        text = "\n\n".join(paragraphs)
        byline: list[str] = []
        for kind, line in self.header:
            if kind is Kind.BYLINE:
                match = _BYLINE.match(line)
                assert match is not None
                byline += [n.strip() for n in re.split(r",|\band\b|&", match.group("names")) if n.strip()]
        return Article(
            id=article_id(source, headline, text),
            source=source,
            headline=headline,
            published=dates[0] if dates else None,
            updated=updated,
            dateline=dateline,
            byline=byline,
            summary=[*self.standfirst, *(_bullet_text(line) for kind, line in self.header if kind is Kind.BULLET)],
            captions=[_CAPTION_PREFIX.sub("", line) for kind, line in self.header if kind is Kind.CAPTION],
            text=text,
        )


def _bullet_text(line: str) -> str:
    """A summary bullet's words without the bullet (a BULLET line always matches)."""
    match = _BULLET.match(line)
    return match.group("text") if match else line


def _pick_headline(header: list[tuple[Kind, str]]) -> str | None:
    """The headline among a header's short lines.

    Pages often print it twice; else it is the last title-like line of the
    header (navigation and the outlet's name come before it).
    """
    shorts = [line for kind, line in header if kind is Kind.SHORT]
    seen: set[str] = set()
    for line in shorts:
        if line in seen:
            return line
        seen.add(line)
    titles = [line for line in shorts if len(line.split()) >= 3]
    return titles[-1] if titles else (shorts[-1] if shorts else None)


# Lines a header block may run to: how far to look ahead for what a short line begins. Bounded,
# so that a page of short lines costs linear time, not the square of its length.
_LOOKAHEAD = 40


def _opens_article(lines: list[tuple[Kind, str]], start: int) -> bool:
    """Whether the short line at ``start`` (after a body) heads a new article."""
    headline = lines[start][1]
    for kind, line in islice(lines, start + 1, start + 1 + _LOOKAHEAD):
        if kind is Kind.PROSE:
            return split_dateline(line)[0] is not None
        if kind in (Kind.DATE, Kind.BULLET, Kind.BYLINE, Kind.CAPTION) or line == headline:
            return True
    return False


def _next_content(lines: list[tuple[Kind, str]], start: int) -> Kind | None:
    for kind, _ in islice(lines, start + 1, start + 1 + _LOOKAHEAD):
        if kind is not Kind.BLANK:
            return kind
    return None


def _mark_bare_bylines(lines: list[tuple[Kind, str]]) -> None:
    """A bare name ("Lena Marsh") next to a page date or a job line is a byline."""
    for index, (kind, line) in enumerate(lines):
        if kind is not Kind.SHORT or not _NAME_LINE.match(line):
            continue
        neighbours = [lines[i] for i in (index - 1, index + 1) if 0 <= i < len(lines)]
        if any(k is Kind.DATE or (k is Kind.FURNITURE and _ROLE_LINE.match(text)) for k, text in neighbours):
            lines[index] = (Kind.BYLINE, "By " + line)


def read_text_dump(text: str, source: str) -> Iterator[Article]:
    """Split a page dump into articles, keeping furniture out of their text."""
    lines = [(classify(line), line) for line in map(clean_line, text.splitlines())]
    _mark_bare_bylines(lines)
    draft = _Draft()
    for index, (kind, line) in enumerate(lines):
        if kind in (Kind.BLANK, Kind.FURNITURE):
            continue
        if not draft.body:
            if kind is Kind.PROSE:
                draft.body.append(line)
            else:
                draft.header.append((kind, line))
            continue
        # Inside a body.
        if kind is Kind.PROSE:
            if draft.header_after_body and len(draft.body) == 1 and split_dateline(draft.body[0])[0] is None:
                # The first paragraph stood above the byline and photo: it was a standfirst.
                draft.standfirst.append(draft.body.pop())
            draft.header_after_body = False
            draft.body.append(line)
        elif kind is Kind.SHORT and _opens_article(lines, index):
            if (article := draft.to_article(source)) is not None:
                yield article
            draft = _Draft(header=[(kind, line)])
        elif kind is Kind.SHORT and _next_content(lines, index) is Kind.PROSE:
            draft.body.append(line)  # a subheading inside the body
        elif kind in (Kind.CAPTION, Kind.BULLET, Kind.DATE, Kind.BYLINE):
            draft.header.append((kind, line))  # captions and credits between paragraphs
            draft.header_after_body = kind is not Kind.BULLET
        # Other short lines after a body are trailers: related links, tags, credits.
    if (article := draft.to_article(source)) is not None:
        yield article
