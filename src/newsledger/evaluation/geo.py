"""Places against GeoWebNews (Gritta et al.): toponym recognition and resolution.

Gold toponyms are the literal (Literal, Literal_Modifier, Mixed, Embedded_Literal,
Coercion) and associative (Metonymic, Non_Literal_Modifier, Embedded_Non_Lit)
mentions of ``GWN.xml``; demonyms, languages, homonyms, non-toponyms and the two
common-noun augmentation labels are not toponyms, and mentions in the title
(negative offsets) are dropped. newsledger keeps demonyms and other adjectival
place words ("Russian", "French wine") as NORP entities, never as places, so
recognition is scored on the toponyms without adjectival modifiers
(``modifierType`` Adjective) and, for comparison, on all of them.

Recognition: a predicted place mention matches a gold toponym when their spans
overlap ("overlap") or are equal ("exact"), one to one. Resolution is scored
over the gold toponyms with coordinates that we recognised (overlap): the error
is the great-circle distance from the place's point to the gold point (an
unresolved place counts as 20,039 km, half the Earth's circumference);
accuracy@161 km is the share of errors under 161 km (100 miles); AUC is the
area under the sorted log(1 + error) curve over log(20,039), lower is better
(as in Gritta et al.'s CamCoder code); GeoNames id match is over the
recognised gold toponyms that have a GeoNames id.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from statistics import median

from newsledger.evaluation import Report
from newsledger.model import Article, Place

NAME = "geo"
TITLE = "Places: GeoWebNews (toponym recognition and resolution)"
DATA = "geo"
LITERAL = frozenset(["Literal", "Literal_Modifier", "Mixed", "Embedded_Literal", "Coercion"])
ASSOCIATIVE = frozenset(["Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"])
MAX_ERROR_KM = 20039.0
EARTH_RADIUS_KM = 6371.0
PUBLISHED = [("Mordecai3 (published, GeoWebNews)", "0.941")]


@dataclass(frozen=True)
class Toponym:
    start: int
    end: int
    text: str
    type: str
    adjective: bool
    geonameid: int | None
    lat: float | None
    lon: float | None


@dataclass
class GoldArticle:
    id: str
    title: str
    text: str
    toponyms: list[Toponym] = field(default_factory=list)


def _float(value: str | None) -> float | None:
    return float(value) if value and value.strip() else None


def read_gold(path: Path) -> list[GoldArticle]:
    """The articles of ``GWN.xml`` with their toponyms (literal and associative, body only), in file order."""
    articles = []
    for element in ET.parse(path).getroot().iter("article"):
        article = GoldArticle(element.get("file", ""), element.findtext("title") or "", element.findtext("text") or "")
        seen: set[tuple[int, int]] = set()
        for item in element.iter("toponym"):
            kind = (item.findtext("type") or "").strip()
            start, end = int(item.findtext("start") or -1), int(item.findtext("end") or -1)
            if kind not in LITERAL | ASSOCIATIVE or start < 0 or (start, end) in seen:
                continue
            seen.add((start, end))
            lat, lon = _float(item.findtext("latitude")), _float(item.findtext("longitude"))
            geonameid = (item.findtext("geonamesID") or "").strip()
            article.toponyms.append(
                Toponym(
                    start=start,
                    end=end,
                    text=article.text[start:end],
                    type=kind,
                    adjective=(item.findtext("modifierType") or "").strip() == "Adjective",
                    geonameid=int(geonameid) if geonameid else None,
                    lat=lat if lon is not None else None,
                    lon=lon if lat is not None else None,
                )
            )
        article.toponyms.sort(key=lambda t: (t.start, t.end))
        articles.append(article)
    return articles


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def match(predicted: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool = False) -> dict[int, int]:
    """One-to-one matches gold index -> predicted index, by overlap (largest first) or equality."""
    pairs = []
    for g, gspan in enumerate(gold):
        for p, pspan in enumerate(predicted):
            shared = _overlap(gspan, pspan)
            if (exact and gspan == pspan) or (not exact and shared > 0):
                pairs.append((-shared, g, p))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, g, p in pairs:
        if g not in matched and p not in used:
            matched[g] = p
            used.add(p)
    return matched


@dataclass
class Tally:
    """Counts over a corpus for one view of the gold toponyms."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    found_exact: int = 0
    errors: list[float] = field(default_factory=list)  # km, our point vs the gold point
    errors_by_id: list[float] = field(default_factory=list)  # 0 where our GeoNames id is the gold's
    ids: int = 0
    ids_right: int = 0

    def prf(self, exact: bool = False) -> tuple[float, float, float]:
        found = self.found_exact if exact else self.found
        precision = found / self.predicted if self.predicted else 0.0
        recall = found / self.gold if self.gold else 0.0
        return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def tally(places: list[Place], gold: list[Toponym], counts: Tally, resolve: bool = True) -> None:
    """Add one article's recognition and resolution counts to ``counts``."""
    mentions: list[tuple[int, int]] = []
    owner: list[Place] = []
    for place in places:
        for mention in place.mentions:
            if (mention.start, mention.end) not in mentions:
                mentions.append((mention.start, mention.end))
                owner.append(place)
    spans = [(t.start, t.end) for t in gold]
    matched = match(mentions, spans)
    counts.gold += len(gold)
    counts.predicted += len(mentions)
    counts.found += len(matched)
    counts.found_exact += len(match(mentions, spans, exact=True))
    if not resolve:
        return
    for g, p in matched.items():
        toponym, place = gold[g], owner[p]
        if toponym.lat is None or toponym.lon is None:
            continue
        same = toponym.geonameid is not None and place.geonameid == toponym.geonameid
        if place.lat is None or place.lon is None:
            error = MAX_ERROR_KM
        else:
            error = distance_km(toponym.lat, toponym.lon, place.lat, place.lon)
        counts.errors.append(error)
        counts.errors_by_id.append(0.0 if same else error)
        if toponym.geonameid is not None:
            counts.ids += 1
            counts.ids_right += same


def auc(errors: list[float]) -> float:
    """Area under the sorted log(1 + error km) curve, normalised by log(20039) (0 is perfect)."""
    if len(errors) < 2:
        return 0.0
    values = sorted(math.log(1 + e) for e in errors)
    area = sum((a + b) / 2 for a, b in pairwise(values))
    return area / (math.log(MAX_ERROR_KM) * (len(values) - 1))


def accuracy_161(errors: list[float]) -> float:
    return sum(e < 161 for e in errors) / len(errors) if errors else 0.0


def run(folder: Path, limit: int | None = None) -> tuple[list[GoldArticle], list[Article], float]:
    """Our places for the first ``limit`` GeoWebNews articles, and the seconds the places stage took."""
    from newsledger.pipeline import Pipeline
    from newsledger.stages.entities import EntityStage
    from newsledger.stages.parse import ParseStage
    from newsledger.stages.places import PlaceStage

    gold = read_gold(folder / "GWN.xml")[:limit]
    pipeline = Pipeline([ParseStage(), EntityStage(), PlaceStage()])
    articles = [Article(id=g.id, source=f"GWN.xml#{g.id}", text=g.text) for g in gold]
    ours = list(pipeline.run(articles))
    return gold, ours, pipeline.seconds["places"]


def score(folder: Path, limit: int | None = None) -> Report:
    gold, ours, seconds = run(folder, limit)
    nominal, everything = Tally(), Tally()
    for article, truth in zip(ours, gold, strict=True):
        tally(article.places, [t for t in truth.toponyms if not t.adjective], nominal)
        tally(article.places, truth.toponyms, everything, resolve=False)

    def row(name: str, counts: Tally, errors: list[float], ids: bool) -> list[str]:
        p, r, f = counts.prf()
        return [
            name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{counts.prf(exact=True)[2]:.3f}",
            f"{accuracy_161(errors):.3f}" if errors else "", f"{sum(errors) / len(errors):.0f}" if errors else "",
            f"{median(errors):.0f}" if errors else "", f"{auc(errors):.3f}" if errors else "",
            f"{counts.ids_right / counts.ids:.3f}" if ids and counts.ids else "",
        ]  # fmt: skip

    p_all, r_all, f_all = everything.prf()
    rows = [
        row("newsledger (toponyms without adjectives; our coordinates)", nominal, nominal.errors, ids=True),
        row("newsledger (same; a right GeoNames id scores 0 km)", nominal, nominal.errors_by_id, ids=True),
        ["newsledger (all toponyms, adjectives included)", f"{p_all:.3f}", f"{r_all:.3f}", f"{f_all:.3f}",
         f"{everything.prf(exact=True)[2]:.3f}", "", "", "", "", ""],
    ]  # fmt: skip
    rows += [[name, "", "", "", "", acc, "", "", "", ""] for name, acc in PUBLISHED]
    per_article = 1000 * seconds / len(ours) if ours else 0.0
    return Report(
        columns=["system", "recognition P", "R", "F1 (overlap)", "F1 (exact)", "accuracy@161 km",
                 "mean error km", "median error km", "AUC", "GeoNames id match"],
        rows=rows,
        notes=[
            f"{len(ours)} GeoWebNews articles; {nominal.gold} gold toponyms without adjectives "
            f"({everything.gold} with), {nominal.predicted} predicted place mentions; resolution over "
            f"{len(nominal.errors)} recognised gold toponyms with coordinates ({nominal.ids} with a GeoNames id). "
            f"Places stage: {per_article:.1f} ms per article. Target: accuracy@161 km >= 0.94.",
            "Our point for a country is its area point (country_points.tsv: Factbook-style, as GeoNames' mostly "
            "are; Russia at 60N 100E) and for an admin unit the middle of its places; GeoWebNews gives GeoNames' own "
            "points, which differ for some countries (the United States: 39.76N 98.5W against our 38N 97W). The "
            "second row counts a right GeoNames id as 0 km, as a geoparser that returns GeoNames' coordinates scores.",
            (__doc__ or "").strip().split("\n\n")[1].replace("\n", " "),
        ],
    )  # fmt: skip
