"""One person, organisation or place across articles.

Inside an article the entities stage already joined "Donald Trump", "Trump" and
"the US President". Across articles an entity is found by its kind and name key,
then by any alias it has been seen under, then (for a person named by surname
only) by a surname that exactly one stored person carries. Countries must agree
when both sides know them. Places are keyed by GeoNames id when resolved.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, func, select, update

from newsledger.lexicon import name_key
from newsledger.model import Article, Entity, Place
from newsledger.store.bulk import BulkRows
from newsledger.store.schema import entities, entity_aliases, mentions, place_mentions, places
from newsledger.store.sql import chunks, insert_ignoring_duplicates, insert_with_ids

TYPE_GROUP = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GROUP": "ORG",
    "GPE": "GPE",
    "LOC": "GPE",
    "FAC": "FAC",
    "NORP": "NORP",
}


def entity_key(entity_type: str, name: str) -> str:
    return f"{TYPE_GROUP.get(entity_type, entity_type)}:{name_key(name)}"


def _alias_rows(entity: Entity) -> list[tuple[str, str, str]]:
    """(alias key, alias, kind) for each name the entity was seen under."""
    rows = [(name_key(entity.name), entity.name, "name")]
    rows += [(name_key(alias), alias, "alias") for alias in entity.aliases]
    words = entity.name.split()
    if entity.type == "PERSON" and len(words) > 1:
        rows.append((name_key(words[-1]), words[-1], "surname"))
    unique: dict[str, tuple[str, str, str]] = {}
    for row in rows:
        if row[0]:
            unique.setdefault(row[0], row)  # the first row of each key wins
    return list(unique.values())


def _compatible(country: str | None, other: str | None) -> bool:
    return country is None or other is None or country == other


def _by_alias(conn: Connection, unknown: list[Entity]) -> dict[str, int]:
    """Entities not found by key, matched to the one stored entity of the same kind their names point to."""
    keys = {key for entity in unknown for key, _, kind in _alias_rows(entity) if kind != "surname"}
    seen_as: dict[str, list[Any]] = {}
    for chunk in chunks(keys):
        query = (
            select(
                entity_aliases.c.alias_key,
                entity_aliases.c.entity_id,
                entity_aliases.c.kind,
                entities.c.type,
                entities.c.country,
            )
            .join(entities, entities.c.id == entity_aliases.c.entity_id)
            .where(entity_aliases.c.alias_key.in_(chunk))
        )
        for row in conn.execute(query):
            seen_as.setdefault(row.alias_key, []).append(row)
    # A person first stored by surname only ("Witkoff") is found again by a full name.
    surnames = {
        entity_key("PERSON", entity.name.split()[-1])
        for entity in unknown
        if entity.type == "PERSON" and len(entity.name.split()) > 1
    }
    by_surname: dict[str, Any] = {}
    for chunk in chunks(surnames):
        by_surname.update(
            (row.key, row)
            for row in conn.execute(
                select(entities.c.key, entities.c.id, entities.c.country).where(entities.c.key.in_(chunk))
            )
        )
    found: dict[str, int] = {}
    for entity in unknown:
        match = _one_match(entity, seen_as)
        if match is None and entity.type == "PERSON" and len(entity.name.split()) > 1:
            known = by_surname.get(entity_key("PERSON", entity.name.split()[-1]))
            if known is not None and _compatible(entity.country, known.country):
                match = known.id
        if match is not None:
            found[entity.id] = match
    return found


def _one_match(entity: Entity, seen_as: dict[str, list[Any]]) -> int | None:
    group = TYPE_GROUP.get(entity.type, entity.type)
    single_person = entity.type == "PERSON" and len(entity.name.split()) == 1
    found: dict[str, set[int]] = {"name": set(), "surname": set()}
    for key, _, kind in _alias_rows(entity):
        if kind == "surname":
            continue
        for row in seen_as.get(key, []):
            if TYPE_GROUP.get(row.type, row.type) != group or not _compatible(entity.country, row.country):
                continue
            if row.kind != "surname":
                found["name"].add(row.entity_id)
            elif single_person:  # "Witkoff" alone may be the one stored Witkoff
                found["surname"].add(row.entity_id)
    for kind in ("name", "surname"):
        if len(found[kind]) == 1:
            return next(iter(found[kind]))
        if len(found[kind]) > 1:
            return None  # ambiguous: a new entity is safer than a wrong merge
    return None


_UPDATE_ENTITY = (
    update(entities)
    .where(entities.c.id == bindparam("b_id"))
    .values(
        name=bindparam("b_name"),
        country=bindparam("b_country"),
        actor_code=bindparam("b_actor_code"),
        roles=bindparam("b_roles", type_=entities.c.roles.type),
        first_day=bindparam("b_first_day"),
        last_day=bindparam("b_last_day"),
        articles=entities.c.articles + 1,
        mentions=entities.c.mentions + bindparam("b_mentions"),
    )
)


def resolve_entities(
    conn: Connection, article: Article, article_row: int, day: str | None, bulk: BulkRows
) -> dict[str, int]:
    """Store the article's entities and mentions; map each local id ("E2") to a store id."""
    keys = {entity.id: entity_key(entity.type, entity.name) for entity in article.entities}
    known: dict[str, int] = {}
    for chunk in chunks(set(keys.values())):
        known.update(conn.execute(select(entities.c.key, entities.c.id).where(entities.c.key.in_(chunk))).all())
    unknown = [entity for entity in article.entities if keys[entity.id] not in known]
    for local_id, found in _by_alias(conn, unknown).items():
        known[keys[local_id]] = found
    fresh: dict[str, Entity] = {}
    for entity in article.entities:
        if keys[entity.id] not in known:
            fresh.setdefault(keys[entity.id], entity)
    if fresh:
        rows: list[dict[str, Any]] = [
            {
                "key": key,
                "type": entity.type,
                "name": entity.name,
                "country": entity.country,
                "actor_code": entity.actor_code,
                "roles": [],
                "first_day": day,
                "last_day": day,
                "articles": 0,
                "mentions": 0,
            }
            for key, entity in fresh.items()
        ]
        known.update(zip(fresh, insert_with_ids(conn, entities, rows), strict=True))
    resolved = {entity.id: known[keys[entity.id]] for entity in article.entities}
    _update_entities(conn, article, resolved, day)
    alias_rows = [
        {"entity_id": resolved[entity.id], "alias_key": key, "alias": alias, "kind": kind}
        for entity in article.entities
        for key, alias, kind in _alias_rows(entity)
    ]
    insert_ignoring_duplicates(conn, entity_aliases, alias_rows)
    mention_rows = [
        {
            "entity_id": resolved[entity.id],
            "article_id": article_row,
            "local_id": entity.id,
            "start": span.start,
            "end": span.end,
            "text": span.text,
        }
        for entity in article.entities
        for span in entity.mentions
    ]
    bulk.add(mentions, mention_rows)
    return resolved


def _update_entities(conn: Connection, article: Article, resolved: dict[str, int], day: str | None) -> None:
    """Counts, days, and what this article adds (country, code, roles, a fuller name), one statement."""
    by_id: dict[int, list[Entity]] = {}
    for entity in article.entities:
        by_id.setdefault(resolved[entity.id], []).append(entity)
    rows = {
        row.id: row for chunk in chunks(by_id) for row in conn.execute(select(entities).where(entities.c.id.in_(chunk)))
    }
    updates = []
    for entity_id, seen in by_id.items():
        row = rows[entity_id]
        name, country, code, roles = row.name, row.country, row.actor_code, list(row.roles or [])
        for entity in seen:
            country = country or entity.country
            code = code or entity.actor_code
            roles += [role for role in entity.roles if role not in roles]
            if entity.type == "PERSON" and len(entity.name.split()) > len(name.split()):
                name = entity.name  # the fuller name once it is known
        updates.append(
            {
                "b_id": entity_id,
                "b_name": name,
                "b_country": country,
                "b_actor_code": code,
                "b_roles": roles,
                "b_first_day": min(filter(None, (row.first_day, day)), default=None),
                "b_last_day": max(filter(None, (row.last_day, day)), default=None),
                "b_mentions": sum(len(entity.mentions) for entity in seen),
            }
        )
    if updates:
        conn.execute(_UPDATE_ENTITY, updates)


def place_key(place: Place) -> str:
    if place.geonameid:
        return f"gn:{place.geonameid}"
    return f"name:{place.country or ''}:{name_key(place.name)}"


_COUNT_PLACE = update(places).where(places.c.id == bindparam("b_id")).values(articles=places.c.articles + 1)


def resolve_places(conn: Connection, article: Article, article_row: int, bulk: BulkRows) -> dict[str, int]:
    """Store the article's places and their mentions; map each local id ("P2") to a store id."""
    keys = {place.id: place_key(place) for place in article.places}
    known: dict[str, int] = {}
    for chunk in chunks(set(keys.values())):
        known.update(conn.execute(select(places.c.key, places.c.id).where(places.c.key.in_(chunk))).all())
    fresh: dict[str, Place] = {}
    for place in article.places:
        if keys[place.id] not in known:
            fresh.setdefault(keys[place.id], place)
    if fresh:
        rows = [
            {
                "key": key,
                "geonameid": place.geonameid,
                "name": place.name,
                "kind": place.kind,
                "country": place.country,
                "admin1": place.admin1,
                "lat": place.lat,
                "lon": place.lon,
                "articles": 0,
            }
            for key, place in fresh.items()
        ]
        known.update(zip(fresh, insert_with_ids(conn, places, rows), strict=True))
    resolved = {place.id: known[keys[place.id]] for place in article.places}
    # An article counts for the places it names, not for a country it only names by adjective ("Sudanese").
    named = {resolved[place.id] for place in article.places if place.mentions}
    if named:
        conn.execute(_COUNT_PLACE, [{"b_id": place_id} for place_id in named])
    mention_rows = [
        {
            "place_id": resolved[place.id],
            "article_id": article_row,
            "local_id": place.id,
            "start": span.start,
            "end": span.end,
            "text": span.text,
        }
        for place in article.places
        for span in place.mentions
    ]
    bulk.add(place_mentions, mention_rows)
    return resolved


def entity_count(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(entities)).scalar_one()
