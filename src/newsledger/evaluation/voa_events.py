"""Events and quotes of whole news stories against the hand-coded VOA gold (``voa-gold/``).

The rules are those of ``voa-gold/README.md``, so that figures are comparable:
strings are compared lower-cased with whitespace collapsed and curly and
straight quotation marks and apostrophes the same.

* **Events.** A predicted event matches the first gold event whose ``types``
  hold its type and one of whose ``sentences`` lies inside the predicted
  event's sentence. A prediction matching nothing counts against precision; a
  second prediction of an already matched gold event is a *duplicate* (also
  against precision). Recall is over the ``required`` gold events; predictions
  matching an optional one are neither rewarded nor penalised.
* **On matched events** (the first prediction of each gold event): actor1 /
  actor2 right when the actor's ``country`` is the gold code (checked where the
  gold codes one); place right when the event's place's name starts like the
  gold name or resolves as the gold place requires (its country, or within its
  ``km``); date right when the event's date value is a gold value; status right
  when it is a gold status.
* **Quotes.** Found when a quote's text holds the gold ``contains``; its
  speaker is right when a gold ``speaker`` name is in the speaker's name or in
  the name or aliases of the entity it points to.

Stories are read from ``voa/voa_stories.jsonl`` beside the gold folder and
paired with gold by ``headline_contains`` inside the headline.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.evaluation import Report
from newsledger.evaluation.geo import distance_km
from newsledger.model import Article, Event

NAME = "voa-events"
TITLE = "Events and quotes on whole stories: VOA hand-coded gold (dev)"
DATA = "voa-gold"
GOLD_FILE = "voa-dev-gold.json"
STORIES = Path("voa") / "voa_stories.jsonl"
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
_SPACE = re.compile(r"\s+")


def norm(text: str | None) -> str:
    """Lower-cased, whitespace collapsed, curly quotation marks and apostrophes straight."""
    return _SPACE.sub(" ", (text or "").translate(_QUOTES)).strip().lower()


@dataclass
class Tally:
    """Event and quote figures over a set of stories."""

    gold_required: int = 0
    found_required: int = 0
    predicted: int = 0
    matched_required: int = 0  # predictions matching a required gold event for the first time
    optional: int = 0  # predictions matching an optional gold event (not scored)
    duplicates: int = 0
    unmatched: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {})  # name -> [right, checked]
    quotes_gold: int = 0
    quotes_found: int = 0
    speaker_right: int = 0
    missed: Counter[str] = field(default_factory=Counter)  # gold type of missed required events
    spurious: Counter[str] = field(default_factory=Counter)  # our type of unmatched predictions
    wrong: dict[str, Counter[str]] = field(default_factory=dict)  # field -> what we said instead

    def check(self, name: str, right: bool, said: str = "") -> None:
        counts = self.fields.setdefault(name, [0, 0])
        counts[0] += right
        counts[1] += 1
        if not right:
            self.wrong.setdefault(name, Counter())[said] += 1

    def prf(self) -> tuple[float, float, float]:
        scored = self.predicted - self.optional
        precision = self.matched_required / scored if scored else 0.0
        recall = self.found_required / self.gold_required if self.gold_required else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def read_gold(folder: Path) -> list[dict[str, Any]]:
    data = json.loads((folder / GOLD_FILE).read_text(encoding="utf-8"))
    return list(data["articles"])


def read_stories(path: Path) -> list[Article]:
    from newsledger.readers.records import record_to_article

    articles = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            articles.append(record_to_article(json.loads(line), "voa"))
    return articles


def pair(gold: list[dict[str, Any]], stories: list[Article]) -> list[tuple[dict[str, Any], Article]]:
    """Each gold article with the story whose headline holds its ``headline_contains``."""
    pairs = []
    for coded in gold:
        wanted = norm(coded["headline_contains"])
        story = next((a for a in stories if wanted in norm(a.headline)), None)
        if story is None:
            raise ValueError(f"voa-events: no story's headline contains {coded['headline_contains']!r}")
        pairs.append((coded, story))
    return pairs


def place_right(article: Article, event: Event, gold_name: str, gold_places: list[dict[str, Any]]) -> bool:
    place = next((p for p in article.places if p.id == event.place), None)
    if place is None:
        return False
    if norm(place.name).startswith(norm(gold_name)[:4]):
        return True
    coded = next((p for p in gold_places if norm(p["name"]) == norm(gold_name)), None)
    if coded is None:
        return False
    if coded.get("country"):
        return place.kind == "country" and place.country == coded["country"]
    if coded.get("lat") is not None and place.lat is not None and place.lon is not None:
        return distance_km(place.lat, place.lon, coded["lat"], coded["lon"]) <= coded.get("km", 25)
    return False


def place_name(article: Article, event: Event) -> str:
    place = next((p for p in article.places if p.id == event.place), None)
    return place.name if place else "(none)"


def score_article(coded: dict[str, Any], article: Article, tally: Tally, errors: list[str]) -> None:
    gold_events = coded["events"]
    text = norm(article.text)
    matched: set[str] = set()
    for event in article.events:
        tally.predicted += 1
        sentence = norm(article.text[event.sentence.start : event.sentence.end])
        hit = next(
            (g for g in gold_events if event.type in g["types"] and any(norm(s) in sentence for s in g["sentences"])),
            None,
        )
        trigger = event.trigger.text or ""
        if hit is None:
            tally.unmatched += 1
            tally.spurious[event.type] += 1
            errors.append(f"spurious {event.type} '{trigger}': {sentence[:90]}")
            continue
        if hit["id"] in matched:
            tally.duplicates += 1
            errors.append(f"duplicate {hit['id']} {event.type} '{trigger}'")
            continue
        matched.add(hit["id"])
        if not hit.get("required", True):
            tally.optional += 1
            continue
        tally.matched_required += 1
        for role in ("actor1", "actor2"):
            if hit.get(role):
                actor = getattr(event, role)
                said = actor.country if actor and actor.country else "(none)"
                tally.check(role, said == hit[role], f"{said} for {hit[role]}")
                if said != hit[role]:
                    errors.append(f"{role} {hit['id']}: {said} ('{actor.text if actor else ''}') for {hit[role]}")
        if hit.get("place"):
            right = place_right(article, event, hit["place"], coded.get("places", []))
            tally.check("place", right, place_name(article, event))
            if not right:
                errors.append(f"place {hit['id']}: {place_name(article, event)} for {hit['place']}")
        if hit.get("date"):
            value = event.date.value if event.date else "(none)"
            tally.check("date", value in hit["date"], value)
            if value not in hit["date"]:
                errors.append(f"date {hit['id']}: {value} for {hit['date']}")
        if hit.get("status"):
            tally.check("status", event.status in hit["status"], event.status)
            if event.status not in hit["status"]:
                errors.append(f"status {hit['id']}: {event.status} for {hit['status']}")
    for gold in gold_events:
        if gold.get("required", True):
            tally.gold_required += 1
            tally.found_required += gold["id"] in matched
            if gold["id"] not in matched:
                tally.missed[gold["types"][0]] += 1
                located = all(norm(s) in text for s in gold["sentences"])
                errors.append(f"missed {gold['id']} {'/'.join(gold['types'])}: {gold['sentences'][0]}"
                              + ("" if located else " (sentence not in our text)"))  # fmt: skip
    entities = {e.id: e for e in article.entities}
    for quote in coded.get("quotes", []):
        tally.quotes_gold += 1
        wanted = norm(quote["contains"])
        ours = next((q for q in article.quotes if wanted in norm(q.text)), None)
        if ours is None:
            continue
        tally.quotes_found += 1
        entity = entities.get(ours.speaker.entity or "")
        names = [norm(ours.speaker.name)] + ([norm(entity.name)] + [norm(a) for a in entity.aliases] if entity else [])
        tally.speaker_right += any(norm(s) in name for s in quote["speaker"] for name in names if name)


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else ""


def score(folder: Path, limit: int | None = None) -> Report:
    return evaluate(folder, limit)[0]


def evaluate(folder: Path, limit: int | None = None) -> tuple[Report, list[str]]:
    """The report and one line per error (missed, spurious, duplicate, wrong field), for development."""
    from newsledger.pipeline import default_pipeline

    stories = folder.parent / STORIES
    if not stories.exists():
        return Report(columns=["set"], rows=[], notes=[f"skipped: {stories} is absent"]), []
    pairs = pair(read_gold(folder), read_stories(stories))[:limit]
    done = list(default_pipeline().run([article for _, article in pairs]))
    tally, errors = Tally(), list[str]()
    for (coded, _), article in zip(pairs, done, strict=True):
        score_article(coded, article, tally, errors)
    precision, recall, f1 = tally.prf()
    rows = [
        ["events: F1 / precision / recall", str(tally.gold_required), f"{f1:.3f}",
         f"{precision:.3f} / {recall:.3f}", "0.80 (F1)"],
    ]  # fmt: skip
    targets = {"actor1": "0.80", "actor2": "0.80", "place": "0.75", "date": "0.80", "status": "0.85"}
    for name in ("actor1", "actor2", "place", "date", "status"):
        right, checked = tally.fields.get(name, [0, 0])
        rows.append([f"matched events: {name}", str(checked), _share(right, checked), "", targets[name]])
    rows.append(["quotes: found", str(tally.quotes_gold), _share(tally.quotes_found, tally.quotes_gold), "", ""])
    rows.append(["quotes: speaker right (of found)", str(tally.quotes_found),
                 _share(tally.speaker_right, tally.quotes_found), "", ""])  # fmt: skip
    wrong = "; ".join(
        f"{name}: " + ", ".join(f"{said} {n}" for said, n in counts.most_common(5))
        for name, counts in sorted(tally.wrong.items())
    )
    notes = [
        f"{len(pairs)} stories of `voa-gold/{GOLD_FILE}` (texts from `voa/voa_stories.jsonl`) through the default "
        f"pipeline: {tally.predicted} events predicted, {tally.matched_required} matched a required gold event, "
        f"{tally.optional} an optional one (not scored), {tally.duplicates} duplicates, {tally.unmatched} matched "
        "nothing. Matching and field rules: `voa-gold/README.md`.",
        "Missed required events by gold type: "
        + (", ".join(f"{t} {n}" for t, n in tally.missed.most_common()) or "none")
        + ". Unmatched predictions by our type: "
        + (", ".join(f"{t} {n}" for t, n in tally.spurious.most_common()) or "none")
        + ".",
        f"Wrong fields on matched events (what we said): {wrong or 'none'}.",
    ]
    columns = ["measure", "gold items", "value", "precision / recall", "target"]
    return Report(columns=columns, rows=rows, notes=notes), errors
