"""Writing one extracted article into the store, linked to what is already there.

Everything for one article happens in one transaction (see :func:`write_article`'s
caller): the article is stored whole, with its entities, places, quotes and events
linked across articles, or not at all.
"""

from __future__ import annotations

import hashlib
import json
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, insert, select, update

from newsledger.model import Article
from newsledger.store import duplicates, stories
from newsledger.store.bulk import BulkRows
from newsledger.store.events import store_events
from newsledger.store.identities import resolve_entities, resolve_places
from newsledger.store.schema import amounts, article_copies, articles, dates, minhash_bands, quotes
from newsledger.store.sql import insert_ignoring_duplicates

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def content_hash(text: str) -> str:
    """The same text, however its whitespace and case were scraped, hashes the same."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def outlet(article: Article) -> str:
    """Who published it: the web site without ``www.``, else the file it was read from."""
    if article.url:
        host = urlsplit(article.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    source = re.sub(r":\d+$", "", article.source)  # "corpus.jsonl:12" is one outlet's file
    return PurePath(source).name or source


def pack_ledger(article: Article) -> bytes:
    """The contract article without its text (stored once, in ``articles.text``), as zlib-compressed JSON."""
    return zlib.compress(article.model_dump_json(exclude={"text"}).encode("utf-8"), 1)


def unpack_ledger(packed: bytes, text: str) -> dict[str, Any]:
    """The contract article back from :func:`pack_ledger`, its fields in the contract's order."""
    stored = json.loads(zlib.decompress(packed))
    return {key: text if key == "text" else stored[key] for key in Article.model_fields}


def article_day(article: Article) -> str | None:
    return article.published[:10] if article.published and _DAY.match(article.published) else None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Written:
    """What storing one article did."""

    status: str  # "stored", "copy" (same text from another source) or "present" (already stored)
    article_id: int
    duplicate_of: int | None = None
    events_new: int = 0
    events_merged: int = 0
    quotes: int = 0
    places: int = 0
    entities: int = 0
    story_id: int | None = None
    story_new: bool = False


def stored_copy(conn: Connection, article: Article) -> Written | None:
    """If this text is stored already: note a new source of it, or nothing when the source is known too."""
    row = conn.execute(
        select(articles.c.id, articles.c.source).where(articles.c.content_hash == content_hash(article.text))
    ).first()
    if row is None:
        return None
    if row.source == article.source:
        return Written("present", row.id)
    before = conn.execute(
        select(article_copies.c.id).where(
            article_copies.c.article_id == row.id, article_copies.c.source == article.source
        )
    ).first()
    if before is not None:
        return Written("present", row.id)
    insert_ignoring_duplicates(
        conn,
        article_copies,
        [
            {
                "article_id": row.id,
                "source": article.source,
                "url": article.url,
                "outlet": outlet(article),
                "ingested_at": now(),
            }
        ],
    )
    return Written("copy", row.id)


def write_article(conn: Connection, article: Article, bulk: BulkRows | None = None) -> Written:
    """Store an extracted article and link it across the store (inside the caller's transaction).

    The rows no linking reads back go to ``bulk`` when given (the caller writes them with its batch),
    else they are written before this returns.
    """
    if bulk is None:
        own = BulkRows()
        written = write_article(conn, article, own)
        own.write(conn)
        return written
    known = stored_copy(conn, article)
    if known is not None:
        return known
    day = article_day(article)
    signature = duplicates.signature(article.text)
    duplicate = duplicates.find_duplicate(conn, signature)
    article_row = conn.execute(
        insert(articles)
        .values(
            article_id=article.id,
            content_hash=content_hash(article.text),
            source=article.source,
            url=article.url,
            outlet=outlet(article),
            headline=article.headline,
            published=article.published,
            day=day,
            updated=article.updated,
            dateline=article.dateline,
            byline=list(article.byline),
            language=article.language,
            text=article.text,
            duplicate_of=duplicate.article_id if duplicate else None,
            duplicate_similarity=duplicate.similarity if duplicate else None,
            minhash=signature.tobytes(),
            ledger=pack_ledger(article),
            ingested_at=now(),
        )
        .returning(articles.c.id)
    ).scalar_one()
    if conn.dialect.name == "sqlite":
        bulk.searchable.append(article_row)
    conn.execute(insert(minhash_bands), duplicates.band_rows(article_row, signature))

    entity_ids = resolve_entities(conn, article, article_row, day, bulk)
    place_ids = resolve_places(conn, article, article_row, bulk)
    _gather_own_rows(article, article_row, day, entity_ids, bulk)

    vector = stories.tfidf(stories.article_terms(article), stories.entity_weights(conn, article, entity_ids))
    story_id, story_new = stories.assign_story(conn, vector, day, duplicate.article_id if duplicate else None)
    conn.execute(update(articles).where(articles.c.id == article_row).values(story_id=story_id))
    new, merged = store_events(
        conn, article, article_row, day, entity_ids, place_ids, story_id, duplicate.article_id if duplicate else None
    )
    stories.update_story(conn, story_id, vector, day, independent=duplicate is None, new_events=new)
    return Written(
        "stored",
        article_row,
        duplicate_of=duplicate.article_id if duplicate else None,
        events_new=new,
        events_merged=merged,
        quotes=len(article.quotes),
        places=len(article.places),
        entities=len(article.entities),
        story_id=story_id,
        story_new=story_new,
    )


def _gather_own_rows(
    article: Article, article_row: int, day: str | None, entity_ids: dict[str, int], bulk: BulkRows
) -> None:
    """Quotes, dates and amounts: what belongs to this article alone."""
    bulk.add(
        quotes,
        [
            {
                "article_id": article_row,
                "local_id": quote.id,
                "kind": quote.kind,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
                "speaker_entity_id": entity_ids.get(quote.speaker.entity or ""),
                "speaker_name": quote.speaker.name,
                "cue": quote.cue,
                "channel": quote.channel,
                "day": day,
            }
            for quote in article.quotes
        ],
    )
    bulk.add(
        dates,
        [
            {"article_id": article_row, "text": d.text, "start": d.start, "end": d.end, "value": d.value}
            for d in article.dates
        ],
    )
    bulk.add(
        amounts,
        [
            {
                "article_id": article_row,
                "text": a.text,
                "start": a.start,
                "end": a.end,
                "value": a.value,
                "unit": a.unit,
            }
            for a in article.amounts
        ],
    )
