"""The store's tables: one ledger of a whole corpus.

Read top to bottom: an article, what was read in it (mentions, places, dates,
amounts, quotes, event mentions), and what links articles together (entities,
places and events shared across articles, stories). ``docs/store.md`` shows the
same schema with example queries.

Offsets (``start``/``end``) are, as in the contract, Python string indices into
``articles.text``. Days are ISO strings (``2025-03-13``), so they sort and
compare as text in every database.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    inspect,
    select,
)

SCHEMA_VERSION = "5"
# Versions this one upgrades in place, by adding the tables, columns and indexes they lack (version 2
# added review, version 3 the composite indexes the actor and place pages read by, version 4 those of
# an actor country's events by day and of a story's terms, version 5 a story term's last day, so that
# an article's story candidates are read by term within its time window).
UPGRADABLE = ("1", "2", "3", "4")

metadata = MetaData()


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

stories = Table(
    "stories",
    metadata,
    _id(),
    Column("label", Text, nullable=False),
    Column("first_day", String(10)),
    Column("last_day", String(10)),
    Column("articles", Integer, nullable=False, default=0),  # independent articles: near-duplicates not counted
    Column("events", Integer, nullable=False, default=0),
    Column("centroid", JSON, nullable=False),  # {term: weight}, the mean TF-IDF vector of its articles
    Index("ix_stories_days", "last_day", "first_day"),
)

story_terms = Table(
    "story_terms",
    metadata,
    Column("term", String(200), primary_key=True),
    Column("story_id", Integer, ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    # The story's last day, copied: an article's candidates are the stories holding one of its terms
    # within its time window, read by (term, last day) instead of every story that ever held the term.
    Column("last_day", String(10)),
    Index("ix_story_terms_term_day", "term", "last_day"),
    # A story's own terms, replaced as its centroid moves: without it that delete reads every story's terms.
    Index("ix_story_terms_story", "story_id"),
)  # each story's strongest terms: the candidates for a new article are the stories sharing one

articles = Table(
    "articles",
    metadata,
    _id(),
    Column("article_id", String(64), nullable=False, index=True),  # the contract's id
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text, index=True),  # the web site or file the article came from: counts sources
    Column("headline", Text),
    Column("published", String(32)),
    Column("day", String(10), index=True),  # published date, or null
    Column("updated", String(32)),
    Column("dateline", Text),
    Column("byline", JSON),
    Column("language", String(8)),
    Column("text", Text, nullable=False),
    Column("duplicate_of", Integer, ForeignKey("articles.id"), index=True),  # near-duplicate of an earlier article
    Column("duplicate_similarity", Float),
    Column("story_id", Integer, ForeignKey("stories.id"), index=True),
    Column("minhash", LargeBinary),  # MinHash signature of the text's word shingles
    # The article as `newsledger extract` prints it, but its text: zlib-compressed JSON (writer.unpack_ledger).
    Column("ledger", LargeBinary, nullable=False),
    Column("ingested_at", String(32), nullable=False),
)

article_copies = Table(
    "article_copies",
    metadata,
    _id(),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", Text),
    Column("ingested_at", String(32), nullable=False),
    UniqueConstraint("article_id", "source", name="uq_article_copies_source"),
)

minhash_bands = Table(
    "minhash_bands",
    metadata,
    Column("band_key", BigInteger, primary_key=True),  # band number and a hash of its MinHash values
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)

entities = Table(
    "entities",
    metadata,
    _id(),
    Column("key", Text, nullable=False, unique=True),  # kind and name key: "PERSON:donald trump"
    Column("type", String(8), nullable=False, index=True),
    Column("name", Text, nullable=False, index=True),
    Column("country", String(2), index=True),
    Column("actor_code", Text),
    Column("roles", JSON),
    Column("first_day", String(10)),
    Column("last_day", String(10)),
    Column("articles", Integer, nullable=False, default=0),
    Column("mentions", Integer, nullable=False, default=0),
)

entity_aliases = Table(
    "entity_aliases",
    metadata,
    _id(),
    Column("entity_id", Integer, ForeignKey("entities.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("alias_key", Text, nullable=False, index=True),
    Column("alias", Text, nullable=False),
    Column("kind", String(8), nullable=False),  # name, alias or surname
    UniqueConstraint("entity_id", "alias_key", name="uq_entity_aliases"),
)

mentions = Table(
    "mentions",
    metadata,
    _id(),
    Column("entity_id", Integer, ForeignKey("entities.id"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_id", String(16), nullable=False),  # the entity's id inside its article ("E2")
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text),
    # "Is this entity named in that article" from the index alone: the stories of an actor.
    Index("ix_mentions_entity_article", "entity_id", "article_id"),
)

places = Table(
    "places",
    metadata,
    _id(),
    Column("key", Text, nullable=False, unique=True),  # "gn:524901", or country and name key without a GeoNames id
    Column("geonameid", Integer),
    Column("name", Text, nullable=False, index=True),
    Column("kind", String(16)),
    Column("country", String(2), index=True),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("articles", Integer, nullable=False, default=0),
    Index("ix_places_lat_lon", "lat", "lon"),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    _id(),
    Column("place_id", Integer, ForeignKey("places.id"), nullable=False),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_id", String(16), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text),
    Index("ix_place_mentions_place_article", "place_id", "article_id"),
)


def _actor_columns(role: str) -> list[Column]:
    return [
        Column(f"{role}_entity_id", Integer, ForeignKey("entities.id")),  # indexed with the day, below
        Column(f"{role}_text", Text),
        Column(f"{role}_country", String(2)),  # indexed with the day, below
        Column(f"{role}_code", Text),
    ]


events = Table(
    "events",
    metadata,
    _id(),
    Column("type", String(10), nullable=False),
    Column("mode", Text),
    *_actor_columns("actor1"),
    *_actor_columns("actor2"),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("day", String(10)),  # when it happened: the text's date, else the first report's day
    Column("day_from", String(8)),  # "text" or "article"
    Column("status", String(12), nullable=False),  # over all reports: see newsledger.store.events.combined_status
    Column("first_reported", String(10)),
    Column("last_reported", String(10)),
    Column("reports", Integer, nullable=False, default=0),  # independent articles reporting it
    Column("sources", Integer, nullable=False, default=0),  # distinct outlets of those independent articles
    Column("story_id", Integer, ForeignKey("stories.id"), index=True),
    Index("ix_events_type_day", "type", "day"),
    Index("ix_events_day", "day"),
    # An actor's or a place's events in date order, read from the index (their pages, --actor, --near).
    Index("ix_events_actor1_day", "actor1_entity_id", "day"),
    Index("ix_events_actor2_day", "actor2_entity_id", "day"),
    Index("ix_events_place_day", "place_id", "day"),
    # A country's events near a day: merge candidates (store/events.py), --country.
    Index("ix_events_actor1_country_day", "actor1_country", "day"),
    Index("ix_events_actor2_country_day", "actor2_country", "day"),
)

event_mentions = Table(
    "event_mentions",
    metadata,
    _id(),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False, index=True),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_id", String(16), nullable=False),  # the event's id inside its article ("V3")
    Column("type", String(10), nullable=False),
    Column("mode", Text),
    Column("status", String(12), nullable=False),
    Column("source_entity_id", Integer, ForeignKey("entities.id")),  # who claims it, when not asserted
    Column("actor1_text", Text),
    Column("actor2_text", Text),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger_text", Text),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("date_value", String(16)),
    Column("date_text", Text),
    Column("place_id", Integer, ForeignKey("places.id")),
    Column("confidence", Float),
)

quotes = Table(
    "quotes",
    metadata,
    _id(),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("local_id", String(16), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("speaker_entity_id", Integer, ForeignKey("entities.id"), index=True),
    Column("speaker_name", Text),
    Column("cue", Text),
    Column("channel", Text),
    Column("day", String(10), index=True),  # the article's day
)

dates = Table(
    "dates",
    metadata,
    _id(),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", String(16), index=True),
)

amounts = Table(
    "amounts",
    metadata,
    _id(),
    Column("article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", Float),
    Column("unit", Text),
)


# Review: an analyst's corrections, an overlay on the machine's ledger (see newsledger.review). A
# correction is keyed by what survives re-extraction: the article's text (its hash) and the evidence
# span in it, never a row id. ``overlay`` is derived from the corrections and the current rows, and
# rebuilt after every ingest and every correction.
corrections = Table(
    "corrections",
    metadata,
    _id(),
    Column("kind", String(8), nullable=False),  # event, quote, place, entity
    Column("article_key", String(64), nullable=False, index=True),  # articles.content_hash
    Column("start", Integer, nullable=False),  # the evidence: an event's trigger, a quote, a mention
    Column("end", Integer, nullable=False),
    Column("evidence", Text, nullable=False),  # the characters at start:end when it was made
    Column("seq", Integer, nullable=False),  # 1, 2, ... per fact: a stale edit collides on (key, seq)
    Column("action", String(8), nullable=False),  # confirm, reject, edit, merge, split
    Column("field", String(32)),
    Column("value", JSON),
    Column("other_key", String(64)),  # merge: the fact it is one with, keyed the same way
    Column("other_start", Integer),
    Column("other_end", Integer),
    Column("reviewer", Text, nullable=False),
    Column("note", Text),
    Column("created_at", String(32), nullable=False),
    Column("target_id", Integer),  # the row it applies to now; null: orphaned (set by the overlay)
    UniqueConstraint("kind", "article_key", "start", "end", "seq", name="uq_corrections_seq"),
)

overlay = Table(
    "overlay",
    metadata,
    Column("kind", String(8), primary_key=True),
    Column("row_id", Integer, primary_key=True),
    Column("fields", JSON, nullable=False),  # corrected values by field name
    Column("rejected", Boolean, nullable=False, default=False),
    Column("merged_into", Integer),  # another row of the same kind that this one is
    Column("detached", JSON),  # split: event_mentions ids that are not this event
    Column("correction_ids", JSON, nullable=False),
)

# Full-text search: SQLite FTS5 tables kept by the writer; PostgreSQL generated tsvector columns.
_FTS = {
    "sqlite": [
        "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
        "headline, text, content='articles', content_rowid='id')",
        "CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5("
        "text, speaker_name, content='quotes', content_rowid='id')",
    ],
    "postgresql": [
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
        "(to_tsvector('english', coalesce(headline, '') || ' ' || text)) STORED",
        "CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin (search)",
        "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS "
        "(to_tsvector('english', coalesce(speaker_name, '') || ' ' || text)) STORED",
        "CREATE INDEX IF NOT EXISTS ix_quotes_search ON quotes USING gin (search)",
    ],
}


class SchemaMismatch(RuntimeError):
    """The database holds a store of another schema version."""


# Columns added to tables an older store already has, each with the statement that fills it in.
_ADDED_COLUMNS: list[tuple[Table, str, str]] = [
    (
        story_terms,
        "last_day",
        "UPDATE story_terms SET last_day = (SELECT last_day FROM stories WHERE stories.id = story_terms.story_id)",
    ),
]


def _add_columns(conn: Connection) -> None:
    inspector = inspect(conn)
    for table, name, fill in _ADDED_COLUMNS:
        if not inspector.has_table(table.name):
            continue  # create_all makes it whole
        if name in {column["name"] for column in inspector.get_columns(table.name)}:
            continue
        column = table.c[name]
        kind = column.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{name}" {kind}')
        conn.exec_driver_sql(fill)


def create_schema(engine: Engine) -> None:
    """Create the tables once; a second call changes nothing."""
    with engine.begin() as conn:  # writers are serialised (see database.py), so two first runs cannot race
        if inspect(conn).has_table("meta"):
            version = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
            if version == SCHEMA_VERSION:
                return
            if version in UPGRADABLE:
                _add_columns(conn)
                metadata.create_all(conn)  # only the tables it lacks
                for table in metadata.sorted_tables:  # and the indexes of the tables it had
                    for index in table.indexes:
                        index.create(conn, checkfirst=True)
                conn.execute(meta.update().where(meta.c.key == "schema_version").values(value=SCHEMA_VERSION))
                return
            if version is not None:
                raise SchemaMismatch(f"store schema version {version}, this newsledger writes version {SCHEMA_VERSION}")
        metadata.create_all(conn)
        for statement in _FTS[engine.dialect.name]:
            conn.exec_driver_sql(statement)
        conn.execute(insert(meta).values(key="schema_version", value=SCHEMA_VERSION))
