"""Small multi-article fixtures for the store: extracted articles built by hand, so each
test knows exactly which entities, places and events two reports share."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import Engine

from newsledger.model import Actor, Article, Entity, Event, EventDate, Place, Quote, Span, Speaker
from newsledger.store.database import empty_postgresql, open_engine

PG_URL = os.environ.get("NEWSLEDGER_TEST_PG")

# name -> (type, country, actor code)
PEOPLE = {
    "Russia": ("GPE", "RU", "RUS"),
    "Ukraine": ("GPE", "UA", "UKR"),
    "Russian forces": ("ORG", "RU", "RUS MIL"),
    "Volodymyr Zelenskyy": ("PERSON", "UA", "UKR GOV"),
    "Zelenskyy": ("PERSON", "UA", "UKR GOV"),
    "Steve Witkoff": ("PERSON", "US", "USA GOV"),
    "Witkoff": ("PERSON", None, None),
    "Vladimir Putin": ("PERSON", "RU", "RUS GOV"),
    "John Smith": ("PERSON", None, None),
    "Alan Smith": ("PERSON", None, None),
    "Smith": ("PERSON", None, None),
    "Mauritius": ("GPE", "MU", "MUS"),
    "United Kingdom": ("GPE", "GB", "GBR"),
}
# name -> (geonameid, lat, lon, country, kind)
PLACES = {
    "Kharkiv": (706483, 49.98, 36.25, "UA", "city"),
    "Belgorod": (579514, 50.61, 36.58, "RU", "city"),
    "Moscow": (524901, 55.75, 37.62, "RU", "city"),
    "Odesa": (698740, 46.48, 30.73, "UA", "city"),
    "Chagos": (None, -6.0, 71.5, "IO", "region"),
}


@dataclass
class Happening:
    type: str
    trigger: str
    actor1: str
    actor2: str | None = None
    place: str | None = None
    status: str = "asserted"
    date: str | None = None


@dataclass
class Said:
    speaker: str
    words: str


@dataclass
class Report:
    url: str
    day: str
    headline: str
    text: str
    names: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    events: list[Happening] = field(default_factory=list)
    quotes: list[Said] = field(default_factory=list)

    def article(self) -> Article:
        def spans(name: str) -> list[Span]:
            found = [Span(start=m.start(), end=m.end(), text=name) for m in re.finditer(re.escape(name), self.text)]
            assert found, f"{name!r} is not in the fixture text"
            return found

        entity_ids = {name: f"E{i}" for i, name in enumerate(self.names, 1)}
        entities = []
        for name in self.names:
            kind, country, code = PEOPLE[name]
            entities.append(
                Entity(
                    id=entity_ids[name], name=name, type=kind, country=country, actor_code=code, mentions=spans(name)
                )
            )
        place_ids = {name: f"P{i}" for i, name in enumerate(self.places, 1)}
        places = []
        for name in self.places:
            geonameid, lat, lon, country, kind = PLACES[name]
            places.append(
                Place(
                    id=place_ids[name],
                    name=name,
                    lat=lat,
                    lon=lon,
                    country=country,
                    kind=kind,
                    geonameid=geonameid,
                    mentions=spans(name),
                )
            )

        def actor(name: str | None) -> Actor | None:
            if name is None:
                return None
            known = PEOPLE.get(name)
            return Actor(
                entity=entity_ids.get(name),
                text=name,
                country=known[1] if known else None,
                actor_code=known[2] if known else None,
            )

        events = []
        for number, happening in enumerate(self.events, 1):
            trigger = spans(happening.trigger)[0]
            events.append(
                Event(
                    id=f"V{number}",
                    type=happening.type,
                    actor1=actor(happening.actor1),
                    actor2=actor(happening.actor2),
                    place=place_ids.get(happening.place or ""),
                    date=EventDate(value=happening.date) if happening.date else None,
                    status=happening.status,
                    trigger=trigger,
                    sentence=Span(start=0, end=len(self.text)),
                )
            )
        quotes = []
        for number, said in enumerate(self.quotes, 1):
            where = self.text.index(said.words)
            quotes.append(
                Quote(
                    id=f"Q{number}",
                    text=said.words,
                    start=where,
                    end=where + len(said.words),
                    kind="direct",
                    speaker=Speaker(entity=entity_ids.get(said.speaker), name=said.speaker),
                    cue="said",
                )
            )
        return Article(
            id=re.sub(r"\W+", "-", self.url)[-16:],
            source=self.url,
            url=self.url,
            headline=self.headline,
            published=self.day,
            text=self.text,
            entities=entities,
            places=places,
            events=events,
            quotes=quotes,
        )


STRIKE_TEXT = (
    "Russian forces struck Kharkiv overnight with drones and missiles, killing four people, regional officials "
    "said. Russia has intensified attacks on the city in recent weeks. Zelenskyy called for more air defence. "
)

STRIKE_REUTERS = Report(
    "https://www.reuters.com/world/kharkiv-strike",
    "2025-03-14",
    "Russian drones and missiles hit Kharkiv, killing four",
    "KYIV, March 14 (Reuters) - "
    + STRIKE_TEXT
    + '"We need more Patriot systems to protect our cities from this terror," Volodymyr Zelenskyy said.',
    names=["Russian forces", "Russia", "Volodymyr Zelenskyy"],
    places=["Kharkiv"],
    events=[Happening("ASSAULT", "struck", "Russian forces", None, "Kharkiv")],
    quotes=[Said("Volodymyr Zelenskyy", "We need more Patriot systems to protect our cities from this terror")],
)

STRIKE_AP = Report(
    "https://apnews.com/article/ukraine-kharkiv-attack",
    "2025-03-15",
    "Overnight Russian attack on Kharkiv kills 4 as Ukraine pleads for air defense",
    "Russia pounded the northeastern city of Kharkiv overnight, Ukrainian officials said on Saturday, in an "
    "attack that left four dead and damaged apartment blocks. Zelenskyy again asked allies for air defense "
    "systems after the Kharkiv attack.",
    names=["Russia", "Zelenskyy"],
    places=["Kharkiv"],
    events=[Happening("ASSAULT", "pounded", "Russia", None, "Kharkiv")],
)

# The Reuters story, syndicated by another site with its own headline and a last paragraph added.
STRIKE_COPY = Report(
    "https://www.example-news.com/world/russia-strikes-kharkiv",
    "2025-03-14",
    "Four killed as Russia strikes Kharkiv",
    "KYIV, March 14 (Reuters) - "
    + STRIKE_TEXT
    + '"We need more Patriot systems to protect our cities from this terror," Volodymyr Zelenskyy said. '
    "Reporting by our correspondents.",
    names=["Russian forces", "Russia", "Volodymyr Zelenskyy"],
    places=["Kharkiv"],
    events=[Happening("ASSAULT", "struck", "Russian forces", None, "Kharkiv")],
)

BELGOROD = Report(
    "https://www.reuters.com/world/belgorod-shelling",
    "2025-03-14",
    "Ukraine shells Belgorod, Russian governor says",
    "Ukraine shelled the Russian border city of Belgorod on Friday, wounding two people, the regional governor "
    "said on Telegram, in a claim Reuters could not verify.",
    names=["Ukraine"],
    places=["Belgorod"],
    events=[Happening("ASSAULT", "shelled", "Ukraine", None, "Belgorod", status="claimed")],
)

TALKS_1 = Report(
    "https://www.reuters.com/world/witkoff-putin-talks",
    "2025-03-13",
    "US envoy Witkoff meets Putin in Moscow for ceasefire talks",
    "US envoy Steve Witkoff met Vladimir Putin in Moscow on Thursday for talks on a proposed ceasefire in the "
    "war with Ukraine. The ceasefire proposal was accepted by Ukraine earlier this week, and Witkoff carried it "
    "to the Kremlin. Putin said the ceasefire idea was right but questions remained.",
    names=["Steve Witkoff", "Vladimir Putin", "Ukraine"],
    places=["Moscow"],
    events=[Happening("CONSULT", "met", "Steve Witkoff", "Vladimir Putin", "Moscow")],
    quotes=[Said("Vladimir Putin", "the ceasefire idea was right but questions remained")],
)

TALKS_2 = Report(
    "https://apnews.com/article/putin-witkoff-ceasefire",
    "2025-03-14",
    "Putin and Witkoff discuss Ukraine ceasefire proposal in Moscow",
    "Vladimir Putin held talks late on Thursday with Witkoff about the ceasefire proposal for the war in Ukraine, "
    "the Kremlin said. The Moscow meeting on the ceasefire lasted several hours; Putin said the proposed "
    "ceasefire needed more work.",
    names=["Vladimir Putin", "Witkoff", "Ukraine"],
    places=["Moscow"],
    events=[Happening("CONSULT", "held talks", "Vladimir Putin", "Witkoff", "Moscow", date="2025-03-13")],
)

# An unrelated story in the same week.
CHAGOS = Report(
    "https://www.bbc.co.uk/news/chagos-deal",
    "2025-03-12",
    "Mauritius and UK near deal on Chagos islands sovereignty",
    "Mauritius and the United Kingdom are close to a treaty on the sovereignty of the Chagos islands, "
    "officials said, after months of negotiations over the Diego Garcia military base lease.",
    names=["Mauritius", "United Kingdom"],
    places=["Chagos"],
    events=[Happening("CONSULT", "negotiations", "Mauritius", "United Kingdom", "Chagos")],
)

SMITHS = [
    Report("https://a.example/one", "2025-03-01", "One", "John Smith spoke first.", names=["John Smith"]),
    Report("https://b.example/two", "2025-03-01", "Two", "Alan Smith spoke next.", names=["Alan Smith"]),
    Report("https://c.example/three", "2025-03-02", "Three", "Smith spoke last.", names=["Smith"]),
]


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.skipif(not PG_URL, reason="no NEWSLEDGER_TEST_PG"))]


def fresh_postgresql() -> Engine:
    """The test database, emptied: every test starts from no store."""
    empty_postgresql(PG_URL or "")
    return open_engine(PG_URL)


def make_store(backend: str, tmp_path: Path) -> Iterator[Engine]:
    engine = open_engine(str(tmp_path / "ledger.db")) if backend == "sqlite" else fresh_postgresql()
    yield engine
    engine.dispose()
