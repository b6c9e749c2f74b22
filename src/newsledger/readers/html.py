"""HTML pages: trafilatura finds the article body and metadata, htmldate the date."""

from __future__ import annotations

import logging

import htmldate
import trafilatura

from newsledger.model import Article
from newsledger.readers.cleanup import article_id, normalise_timestamp, split_dateline
from newsledger.readers.sources import ReadError

# trafilatura and htmldate log every odd page at WARNING; a batch would drown in them.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)


# Fewer words than this is a fragment or a broken page, not an article.
_MIN_WORDS = 8


def extract_body(html: str, url: str | None = None) -> str | None:
    """The main text of a page, paragraphs separated by newlines (scored by ``eval``)."""
    return trafilatura.extract(html, url=url, include_comments=False, include_tables=True)


def read_html(html: str, source: str) -> Article:
    """One article from an HTML page; raises :class:`ReadError` when no body is found."""
    try:
        document = trafilatura.bare_extraction(html, include_comments=False, include_tables=True, with_metadata=True)
    except Exception as error:
        raise ReadError(f"broken HTML ({type(error).__name__})") from None
    if isinstance(document, dict):  # only with as_dict=True, which is not asked for
        raise ReadError("HTML page with no article text found")
    if document is None or len((document.text or "").split()) < _MIN_WORDS:
        raise ReadError("HTML page with no article text found")
    published = document.date
    if not published:
        try:
            published = htmldate.find_date(html, extensive_search=False)
        except Exception:
            published = None
    paragraphs = [p.strip() for p in (document.text or "").split("\n") if p.strip()]
    if len(paragraphs) > 1 and document.title and document.title.startswith(paragraphs[0]):
        paragraphs.pop(0)  # the page's <h1> repeats the headline
    dateline, first = split_dateline(paragraphs[0])
    text = "\n\n".join([first, *paragraphs[1:]])
    url = document.url or None
    return Article(
        id=article_id(url or source, document.title, text),
        source=source,
        url=url,
        headline=document.title or None,
        published=normalise_timestamp(published),
        dateline=dateline,
        byline=[a.strip() for a in (document.author or "").split(";") if a.strip()],
        summary=[document.description] if document.description else [],
        text=text,
    )
