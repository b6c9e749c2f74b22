"""The ledger model: typed mirror of ``contract/ledger.schema.json`` (version 1).

Every offset (``start``/``end``) is a Python string index into the owning
article's ``text``, end exclusive. Fields may be added; none may be renamed or
dropped without a new contract version.
"""

from __future__ import annotations

from typing import Any, Final, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

CONTRACT_VERSION: Final = "1"

EntityType = Literal["PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "GROUP"]
PlaceKind = Literal["country", "admin1", "admin2", "city", "locality", "region", "landmark", "other"]
EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
EventStatus = Literal["asserted", "claimed", "unverified", "disputed", "negated", "planned", "conditional"]
EVENT_STATUSES: tuple[str, ...] = get_args(EventStatus)
QuoteKind = Literal["direct", "indirect", "partial"]


class _Model(BaseModel):
    # Extra fields are allowed by the contract; refuse typos in our own code.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Span(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str | None = None

    @model_serializer(mode="wrap")
    def _drop_missing_text(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # The contract allows a span without text, not one with a null text.
        data: dict[str, Any] = handler(self)
        if data.get("text") is None:
            data.pop("text", None)
        return data


class Entity(_Model):
    id: str
    name: str
    type: EntityType
    aliases: list[str] = []
    roles: list[str] = []
    country: str | None = None
    actor_code: str | None = None
    mentions: list[Span] = []


class Place(_Model):
    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    kind: PlaceKind = "other"
    geonameid: int | None = None
    confidence: float | None = None
    mentions: list[Span] = []  # literal mentions: the text names the place ("in Sudan", "Sudan's army")
    # Associative mentions (added to the contract): demonyms and adjectives that tie the text to the place
    # without naming it ("Sudanese", "Ukrainian troops"). A place may have only these (``mentions`` empty):
    # the article never names it. An event takes such a place only when nothing else places it.
    associative_mentions: list[Span] = []


class Actor(_Model):
    entity: str | None = None
    text: str
    country: str | None = None
    actor_code: str | None = None


class EventDate(_Model):
    value: str
    text: str | None = None
    # Where the value comes from: "day", "week", "month", "year" (a date of the event's clause, to that
    # precision), "narrative" (an act with none, right after a dated act: that act's day) or "article"
    # (none said: the article's publication day).
    precision: str | None = None


class Event(_Model):
    id: str
    type: EventType
    mode: str | None = None
    actor1: Actor
    actor2: Actor | None = None
    place: str | None = None
    # How the place was found: "clause" (a locative phrase on the event), "sentence" (the nearest place of its
    # sentence), "dateline" (the article's dateline), "article" (the article's own place, for events that
    # name none).
    place_source: str | None = None
    date: EventDate | None = None
    status: EventStatus = "asserted"
    source: str | None = None
    trigger: Span
    sentence: Span
    mentions: list[Span] = []
    confidence: float | None = None


class Speaker(_Model):
    entity: str | None = None
    name: str | None = None
    mention: Span | None = None


class Quote(_Model):
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker
    cue: str | None = None
    cue_span: Span | None = None
    channel: str | None = None  # where or to whom it was said: "on his Telegram messaging app", "reporters"


class DateMention(_Model):
    text: str
    start: int
    end: int
    value: str | None = None


class Amount(_Model):
    text: str
    start: int
    end: int
    value: float | None = None
    unit: str | None = None


class Article(_Model):
    id: str
    source: str
    url: str | None = None
    headline: str | None = None
    published: str | None = None
    updated: str | None = None
    dateline: str | None = None
    byline: list[str] = []
    language: str | None = None
    summary: list[str] = []
    captions: list[str] = []
    text: str
    entities: list[Entity] = []
    places: list[Place] = []
    events: list[Event] = []
    quotes: list[Quote] = []
    dates: list[DateMention] = []
    amounts: list[Amount] = []

    def ledger_dict(self) -> dict:
        """The article as the contract's JSON object (every field present)."""
        return self.model_dump(mode="json")


class Ledger(_Model):
    newsledger: Literal["1"] = CONTRACT_VERSION
    articles: list[Article] = []

    def ledger_dict(self) -> dict:
        return self.model_dump(mode="json")
