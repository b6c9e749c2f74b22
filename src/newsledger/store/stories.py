"""Storylines: articles clustered as they arrive, after Miranda et al. (2018).

An article is a TF-IDF vector over its words (the headline counts three times)
and the names of its entities. The IDF of a word comes from its frequency in
general English (wordfreq), so vectors do not drift as the store grows and
storing an article needs no corpus-wide counts; an entity name weighs as a rare
word. It joins the story whose centroid is most similar, discounted by
the days between them, when that reaches :data:`THRESHOLD`; otherwise it starts
a story. A near-duplicate joins its original's story. The centroid is the mean
of its articles' vectors, cut to its :data:`CENTROID_TERMS` strongest terms.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import date
from functools import lru_cache

from sqlalchemy import Connection, delete, func, insert, select, update
from wordfreq import zipf_frequency

from newsledger.model import Article
from newsledger.store.schema import articles, entities, stories, story_terms

THRESHOLD = 0.2  # on VOA, same-storyline pairs score 0.2-0.66, unrelated ones of the same week under 0.17
WINDOW_DAYS = 30  # stories older than this (before or after) are not candidates
ARTICLE_TERMS = 80
CENTROID_TERMS = 150
HEADLINE_WEIGHT = 3
ENTITY_WEIGHT = 2
ENTITY_IDF = 7.0  # a name is as telling as a word used once in ten million ...
BACKGROUND_ARTICLES = 1000  # ... until the store shows it is common: "United States" in half the articles
MIN_IDF = 0.5
ENTITY_PREFIX = "@"  # entity terms are "@Donald Trump"; word terms are lower case
MAX_CANDIDATES = 30  # centroids compared per article: those sharing most strong terms
INDEX_TERMS = 25  # a story is found by its 25 strongest terms
QUERY_TERMS = 25  # an article looks with its 25 strongest

_WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W_]|[^\W\d_]{2}", re.UNICODE)
STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "even",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "last",
        "like",
        "many",
        "may",
        "me",
        "might",
        "more",
        "most",
        "much",
        "must",
        "my",
        "myself",
        "new",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "one",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "said",
        "same",
        "says",
        "say",
        "she",
        "should",
        "since",
        "so",
        "some",
        "still",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "three",
        "through",
        "thursday",
        "to",
        "too",
        "told",
        "two",
        "under",
        "until",
        "up",
        "us",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "year",
        "years",
        "you",
        "your",
        "yours",
        "yourself",
        "monday",
        "tuesday",
        "wednesday",
        "friday",
        "saturday",
        "sunday",
        "week",
        "weeks",
        "day",
        "days",
        "month",
        "months",
        "time",
        "people",
        "according",
        "told",
        "percent",
        "around",
        "including",
        "among",
        "however",
        "told",
        "another",
        "first",
        "second",
        "told",
        "per",
        "cent",
    ]
)


def words(text: str) -> list[str]:
    """Content words, lower case, one spelling of the apostrophe, possessive 's dropped."""
    found = (word.replace("’", "'").removesuffix("'s") for word in _WORD.findall(text.casefold()))
    return [word for word in found if len(word) > 2 and word not in STOP_WORDS]


def article_terms(article: Article) -> Counter[str]:
    """Raw term counts of an article: words, headline words (weighted) and entity names."""
    counts: Counter[str] = Counter(words(article.text))
    for word in words(article.headline or ""):
        counts[word] += HEADLINE_WEIGHT
    for entity in article.entities:
        if entity.type in ("PERSON", "ORG", "GPE", "GROUP", "LOC", "FAC"):
            counts[ENTITY_PREFIX + entity.name] += ENTITY_WEIGHT * min(3, max(1, len(entity.mentions)))
    return counts


def _normalise(vector: dict[str, float], size: int) -> dict[str, float]:
    top = dict(sorted(vector.items(), key=lambda item: -item[1])[:size])
    norm = math.sqrt(sum(value * value for value in top.values())) or 1.0
    return {term: value / norm for term, value in top.items()}


@lru_cache(maxsize=500_000)
def idf(term: str) -> float:
    """Inverse document frequency from general English: 9 minus the Zipf frequency (log10 per billion words)."""
    if term.startswith(ENTITY_PREFIX):
        return ENTITY_IDF
    return max(MIN_IDF, 9.0 - zipf_frequency(term, "en"))


def entity_idf(articles_with_it: int, stored: int) -> float:
    """IDF of an entity from the store, on the words' scale; a small store counts as a large one without it."""
    return min(ENTITY_IDF, 2.0 + math.log10((max(stored, BACKGROUND_ARTICLES) + 1) / (articles_with_it + 1)) * 2.3)


def tfidf(counts: Counter[str], entity_weights: dict[str, float] | None = None) -> dict[str, float]:
    """The article's unit TF-IDF vector over its strongest terms (``entity_weights``: IDF of its entity terms)."""
    weights = entity_weights or {}
    vector = {term: (1 + math.log(count)) * weights.get(term, idf(term)) for term, count in counts.items()}
    return _normalise(vector, ARTICLE_TERMS)


def entity_weights(conn: Connection, article: Article, entity_ids: dict[str, int]) -> dict[str, float]:
    """IDF of each of the article's entity terms, from how many stored articles name that entity."""
    stored = conn.execute(select(func.max(articles.c.id))).scalar() or 0
    ids = sorted(set(entity_ids.values()))
    counts = (
        dict(conn.execute(select(entities.c.id, entities.c.articles).where(entities.c.id.in_(ids))).all())
        if ids
        else {}
    )
    return {
        ENTITY_PREFIX + entity.name: entity_idf(counts.get(entity_ids.get(entity.id, -1), 0), stored)
        for entity in article.entities
    }


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


def days_apart(a: str | None, b: str | None) -> int:
    if not a or not b:
        return 0
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def time_discount(days: int) -> float:
    """Full weight within three days, then down to half at a month."""
    return 1.0 if days <= 3 else max(0.5, 1.0 - (days - 3) / 54)


def label(centroid: dict[str, float]) -> str:
    """A readable name: the two strongest entities, then the three strongest words."""
    ranked = sorted(centroid.items(), key=lambda item: -item[1])
    names = [term[1:] for term, _ in ranked if term.startswith(ENTITY_PREFIX)][:2]
    words = [term for term, _ in ranked if not term.startswith(ENTITY_PREFIX)][:3]
    return (", ".join(names) + ": " if names else "") + " ".join(words)


def assign_story(
    conn: Connection, vector: dict[str, float], day: str | None, duplicate_of: int | None
) -> tuple[int, bool]:
    """The story the article joins (or starts): (story id, whether it is new)."""
    if duplicate_of is not None:
        story_id = conn.execute(select(articles.c.story_id).where(articles.c.id == duplicate_of)).scalar()
        if story_id is not None:
            return story_id, False
    strongest = [term for term, _ in sorted(vector.items(), key=lambda item: -item[1])[:QUERY_TERMS]]
    # The stories sharing most of the article's strongest terms, within the time window: the terms'
    # (term, last day) index reads only the stories that were still running in it.
    shared = select(story_terms.c.story_id).where(story_terms.c.term.in_(strongest))
    if day:
        low = date.fromordinal(date.fromisoformat(day).toordinal() - WINDOW_DAYS).isoformat()
        high = date.fromordinal(date.fromisoformat(day).toordinal() + WINDOW_DAYS).isoformat()
        shared = (
            shared.join(stories, stories.c.id == story_terms.c.story_id)
            .where(story_terms.c.last_day >= low)
            .where(stories.c.first_day <= high)
        )
    strongest_shared = (
        shared.group_by(story_terms.c.story_id)
        .order_by(func.count().desc(), story_terms.c.story_id.desc())
        .limit(MAX_CANDIDATES)
        .subquery()
    )
    query = select(stories.c.id, stories.c.centroid, stories.c.first_day, stories.c.last_day).join(
        strongest_shared, strongest_shared.c.story_id == stories.c.id
    )
    best: tuple[float, int] | None = None
    for story_id, centroid, first_day, last_day in conn.execute(query):
        gap = 0 if not day or not first_day else min(days_apart(day, first_day), days_apart(day, last_day))
        if first_day and last_day and day and first_day <= day <= last_day:
            gap = 0
        score = cosine(vector, centroid) * time_discount(gap)
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, story_id)
    if best is not None:
        return best[1], False
    story_id = conn.execute(
        insert(stories)
        .values(label=label(vector), first_day=day, last_day=day, articles=0, events=0, centroid=vector)
        .returning(stories.c.id)
    ).scalar_one()
    _index(conn, story_id, vector, day)
    return story_id, True


def _index(conn: Connection, story_id: int, centroid: dict[str, float], last_day: str | None) -> None:
    conn.execute(delete(story_terms).where(story_terms.c.story_id == story_id))
    strongest = sorted(centroid.items(), key=lambda item: -item[1])[:INDEX_TERMS]
    conn.execute(
        insert(story_terms),
        [{"term": term[:200], "story_id": story_id, "last_day": last_day} for term, _ in strongest],
    )


def update_story(
    conn: Connection, story_id: int, vector: dict[str, float], day: str | None, independent: bool, new_events: int
) -> None:
    """Fold the article into its story's centroid, days and counts."""
    row = conn.execute(select(stories).where(stories.c.id == story_id)).one()
    values: dict[str, object] = {}
    if day and (row.first_day is None or day < row.first_day):
        values["first_day"] = day
    last_day = row.last_day
    if day and (last_day is None or day > last_day):
        values["last_day"] = last_day = day
    if independent:
        size = row.articles
        merged = {term: weight * size for term, weight in row.centroid.items()} if size else {}
        for term, weight in vector.items():
            merged[term] = merged.get(term, 0.0) + weight
        centroid = _normalise(merged, CENTROID_TERMS)
        values.update(centroid=centroid, label=label(centroid), articles=size + 1)
        _index(conn, story_id, centroid, last_day)
    elif last_day != row.last_day:  # a near-duplicate moved the story's last day: its terms' copy follows
        conn.execute(update(story_terms).where(story_terms.c.story_id == story_id).values(last_day=last_day))
    values["events"] = row.events + new_events
    conn.execute(update(stories).where(stories.c.id == story_id).values(**values))
