"""Re-extraction: read every stored article again with this version of newsledger, keep the corrections.

A newer extractor finds other events, other places, other spans; the links between articles
(entities, events, stories) depend on all of them. So the store is rebuilt: every article's own
fields (its text unchanged, so its hash and every correction's evidence still hold) are first
written to a dump file beside the store, then everything but the corrections is emptied, then each
article is extracted and linked again, then the corrections are replayed
(:func:`newsledger.review.rebuild`). The dump is removed only when all of it is back in: a run
stopped half-way is finished by running it again, which reads the dump instead of the half-empty store.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter
from typing import Any

from sqlalchemy import Engine, delete, select, text

from newsledger.model import Article
from newsledger.readers import Skipped
from newsledger.store.schema import articles, corrections, meta, metadata
from newsledger.store.writer import content_hash, unpack_ledger, write_article

KEPT_TABLES = (corrections.name, meta.name)  # what an analyst made, and the schema's version
# An article's own fields: what a reader gave; everything else is a layer the pipeline adds again.
OWN_FIELDS = ("id", "source", "url", "headline", "published", "updated", "dateline", "byline", "language", "summary",
              "captions", "text")  # fmt: skip

Extractor = Callable[[Iterable[Article | Skipped]], Iterator[Article | Skipped]]


@dataclass
class Reextracted:
    articles: int = 0
    skipped: int = 0
    seconds: float = 0.0
    corrections: int = 0
    orphaned: int = 0


def dump_path(engine: Engine) -> Path:
    """Where the articles wait while the store is rebuilt: beside a SQLite file, else in the working folder."""
    database = engine.url.database if engine.dialect.name == "sqlite" else None
    if database and database != ":memory:":
        return Path(database + ".reextract.jsonl")
    return Path(f"newsledger-{engine.url.host or 'store'}-{engine.url.database or ''}.reextract.jsonl")


def _dump(engine: Engine, path: Path) -> int:
    """Every stored article's own fields as JSON Lines, written whole before anything is deleted."""
    partial = path.with_suffix(".partial")
    count = 0
    with engine.connect() as conn, partial.open("w", encoding="utf-8") as out:
        rows = conn.execution_options(yield_per=200).execute(
            select(articles.c.ledger, articles.c.text).order_by(articles.c.id)
        )
        for packed, article_text in rows:
            ledger = unpack_ledger(packed, article_text)
            out.write(json.dumps({name: ledger[name] for name in OWN_FIELDS}, ensure_ascii=False) + "\n")
            count += 1
        out.flush()
        os.fsync(out.fileno())
    partial.replace(path)  # the dump counts only once it is complete
    return count


def _empty(engine: Engine) -> None:
    """Every table but the corrections and the schema version, emptied in one transaction."""
    with engine.begin() as conn:
        for table in reversed(metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                conn.execute(delete(table))
        if engine.dialect.name == "sqlite":  # the full-text tables index content that is gone
            for fts in ("articles_fts", "quotes_fts"):
                conn.execute(text(f"INSERT INTO {fts}({fts}) VALUES ('delete-all')"))


def _articles(path: Path) -> Iterator[Article]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record: dict[str, Any] = json.loads(line)
            yield Article(**record)


def _keep_the_rest(engine: Engine, path: Path) -> int:
    """Store, without layers, each dumped article the extractor skipped: a re-extraction loses nothing."""
    kept = 0
    for article in _articles(path):
        with engine.begin() as conn:
            stored = conn.execute(select(articles.c.id).where(articles.c.content_hash == content_hash(article.text)))
            if stored.first() is None:
                write_article(conn, article)
                kept += 1
    return kept


def reextract(engine: Engine, extractor: Extractor, echo: Callable[[str], None] = print) -> Reextracted:
    """Rebuild the store at ``engine`` from its own articles with ``extractor``, then replay the corrections."""
    from newsledger.review import rebuild

    started = perf_counter()
    path = dump_path(engine)
    if path.exists():
        echo(f"resuming from {path}: the articles of an unfinished re-extraction")
    else:
        echo(f"saving the stored articles to {path}")
        _dump(engine, path)
    _empty(engine)
    done = Reextracted()
    for item in extractor(_articles(path)):
        if isinstance(item, Skipped):
            done.skipped += 1
            echo(f"skipped {item}")
            continue
        with engine.begin() as conn:
            write_article(conn, item)
        done.articles += 1
    done.articles += _keep_the_rest(engine, path)
    with engine.begin() as conn:
        rebuilt = rebuild(conn)
    done.corrections, done.orphaned = rebuilt.corrections, rebuilt.orphaned
    path.unlink()
    done.seconds = perf_counter() - started
    return done
