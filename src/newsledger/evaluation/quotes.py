"""Quotes against PolNeAR (dev split): content, source and cue F1, and speaker accuracy.

Matching: a predicted span matches a gold span when their overlap covers at
least half of the longer one ("overlap"), or when they are equal after
trimming quotation marks, punctuation and a leading "that" at the edges
("exact"). A predicted partial quote that lies inside a predicted indirect
quote is part of that attribution, not one of its own, so it is not scored;
fragments sharing a cue are joined into one span, as PolNeAR's discontinuous
contents are.
Speaker accuracy: the share of gold direct quotes (content opening with a
quotation mark) found by us whose gold source is a name (a capitalised word
other than "The", "Mr." and the like), where our resolved speaker's name shares
a word with that gold name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from newsledger.evaluation import Report
from newsledger.model import Article, Quote

NAME = "quotes"
TITLE = "Quotes and attribution: PolNeAR dev"
DATA = "quotes"
PRONOUNS = frozenset(
    ["he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "its", "their", "this", "that", "who"]
)

# Capitalised words that are not part of a name: "The", "Mr.", a sentence-initial "A".
TITLES = frozenset(["the", "a", "an", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "his", "her"])


@dataclass(frozen=True)
class Attribution:
    content: tuple[int, int]
    source: tuple[int, int] | None
    cue: tuple[int, int] | None
    source_text: str = ""


def _span(field: str) -> tuple[int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", field)]
    return min(numbers[0::2]), max(numbers[1::2])


def read_gold(path: Path) -> list[Attribution]:
    """The attribution relations of one BRAT .ann file."""
    spans: dict[str, tuple[str, tuple[int, int], str]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 3:
            label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (label, _span(offsets), parts[2])
        elif line.startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    gold = []
    for relation in relations:
        if "Content" not in relation or relation["Content"] not in spans:
            continue
        source = spans.get(relation.get("Source", ""))
        cue = spans.get(relation.get("Cue", ""))
        gold.append(
            Attribution(
                content=spans[relation["Content"]][1],
                source=source[1] if source else None,
                cue=cue[1] if cue else None,
                source_text=source[2] if source else "",
            )
        )
    return gold


def _trimmed(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and (text[start] in ' \n“”"‘’,.:;—-' or text[start:end].lower().startswith("that ")):
        start += 5 if text[start:end].lower().startswith("that ") else 1
    while end > start and text[end - 1] in ' \n“”"‘’,.:;—-':
        end -= 1
    return start, end


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared > 0 and shared >= 0.5 * max(a[1] - a[0], b[1] - b[0])


def _f1(found: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = found / predicted if predicted else 0.0
    recall = found / gold if gold else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def scored_quotes(text: str, quotes: list[Quote]) -> list[Quote]:
    """The attributions to score: partial quotes inside an indirect one dropped, and the
    fragments of one statement joined."""
    indirect = [(q.start, q.end) for q in quotes if q.kind == "indirect"]
    kept = [q for q in quotes if q.kind != "partial" or not any(s <= q.start and q.end <= e for s, e in indirect)]
    return joined_fragments(text, kept)


def joined_fragments(text: str, quotes: list[Quote]) -> list[Quote]:
    """One quote per cue and paragraph: fragments sharing a cue ("“X,” he said. “Y.”", "X, he said, Y")
    are one statement, as PolNeAR annotates them (a single, discontinuous content span)."""
    joined: list[Quote] = []
    by_cue: dict[tuple[int, int], Quote] = {}
    for quote in sorted(quotes, key=lambda q: (q.start, q.end)):
        key = (quote.cue_span.start, quote.cue_span.end) if quote.cue_span else None
        first = by_cue.get(key) if key else None
        if first is not None and "\n" in text[first.end : quote.start]:
            first = None  # a quote running on into the next paragraph is a statement of its own
        if first is None:
            first = quote.model_copy()
            joined.append(first)
            if key:
                by_cue[key] = first
        else:
            first.start, first.end = min(first.start, quote.start), max(first.end, quote.end)
    return joined


@dataclass
class _Tally:
    predicted: int = 0
    gold: int = 0

    def __post_init__(self) -> None:
        self.hits: dict[str, int] = {}

    def hit(self, key: str) -> None:
        self.hits[key] = self.hits.get(key, 0) + 1


def tally(text: str, predicted: list[Quote], gold: list[Attribution], counts: _Tally) -> tuple[int, int]:
    """Add one article's matches to ``counts``; return (direct quotes checked, right speakers)."""
    counts.predicted += len(predicted)
    counts.gold += len(gold)
    used: set[int] = set()
    checked = right = 0
    for attribution in gold:
        match = next(
            (i for i, q in enumerate(predicted) if i not in used and overlaps((q.start, q.end), attribution.content)),
            None,
        )
        if match is None:
            continue
        used.add(match)
        quote = predicted[match]
        counts.hit("content")
        if _trimmed(text, (quote.start, quote.end)) == _trimmed(text, attribution.content):
            counts.hit("content_exact")
        mention = quote.speaker.mention
        if attribution.source and mention and overlaps((mention.start, mention.end), attribution.source):
            counts.hit("source")
            if _trimmed(text, (mention.start, mention.end)) == _trimmed(text, attribution.source):
                counts.hit("source_exact")
        if attribution.cue and quote.cue_span and overlaps((quote.cue_span.start, quote.cue_span.end), attribution.cue):
            counts.hit("cue")
        opens_with_mark = text[attribution.content[0] : attribution.content[0] + 1] in ("“", '"')
        # The capitalised words of the gold source; none ("the mayor", "the book") means it names no one.
        gold_words = {
            w.lower() for w in re.findall(r"\w+", attribution.source_text) if w[0].isupper() and w.lower() not in TITLES
        }
        if opens_with_mark and gold_words and attribution.source_text.lower() not in PRONOUNS:
            checked += 1
            ours = {w.lower() for w in re.findall(r"\w+", quote.speaker.name or "")}
            right += bool(gold_words & ours)
    return checked, right


def _gold_files(folder: Path, limit: int | None) -> list[tuple[Path, Path]]:
    pairs = []
    for text_path in sorted((folder / "dev" / "text").glob("*.txt"))[:limit]:
        annotations = sorted((folder / "dev" / "attributions").glob(text_path.stem + "_*.ann"))
        if annotations:
            pairs.append((text_path, annotations[0]))
    return pairs


def score(folder: Path, limit: int | None = None) -> Report:
    from newsledger.pipeline import default_pipeline

    pairs = _gold_files(folder, limit)
    articles = [Article(id=p.stem, source=str(p), text=p.read_text(encoding="utf-8")) for p, _ in pairs]
    golds = [read_gold(ann) for _, ann in pairs]
    ours, checked, right = _Tally(), 0, 0
    pipeline = default_pipeline()
    for article, gold in zip(pipeline.run(articles), golds, strict=True):
        c, r = tally(article.text, scored_quotes(article.text, article.quotes), gold, ours)
        checked, right = checked + c, right + r
    rows = [_row("newsledger", ours, f"{right / checked:.3f} ({checked})" if checked else "")]
    textacy_row = _textacy(pairs, golds)
    rows.append(textacy_row)
    rows += [
        ["rule-based baseline (PolNeAR test, published)", "", "", "0.107", "", "", ""],
        ["CofeNet (PolNeAR test, published, exact)", "", "0.729", "0.832", "", "0.753", ""],
    ]
    return Report(
        columns=["system", "content F1 (overlap)", "content F1 (exact)", "source F1 (overlap)",
                 "source F1 (exact)", "cue F1", "direct-quote speaker accuracy"],
        rows=rows,
        notes=[f"{len(pairs)} PolNeAR dev articles (first annotation file of each), {ours.gold} gold attributions, "
               f"{ours.predicted} predicted. Target: content F1 (overlap) >= 0.75, speaker accuracy >= 0.90.",
               " ".join((__doc__ or "").strip().split("\n\n")[1:]).replace("\n", " ")],
    )  # fmt: skip


def _row(name: str, counts: _Tally, speaker: str) -> list[str]:
    cells = [name]
    for key in ("content", "content_exact", "source", "source_exact", "cue"):
        cells.append(f"{_f1(counts.hits.get(key, 0), counts.predicted, counts.gold)[2]:.3f}")
    return [*cells, speaker]


def _textacy(pairs: list[tuple[Path, Path]], golds: list[list[Attribution]]) -> list[str]:
    """textacy's direct_quotations on the same articles, scored the same way."""
    try:
        from textacy.extract.triples import direct_quotations
    except ImportError:
        return ["textacy (not installed: pip install textacy==0.13.0)", "", "", "", "", "", ""]
    from newsledger.model import Span as TextSpan
    from newsledger.model import Speaker
    from newsledger.stages.parse import load_bare, model_name

    nlp = load_bare(model_name())
    counts, checked, right, refused = _Tally(), 0, 0, 0
    for (text_path, _), gold in zip(pairs, golds, strict=True):
        doc = nlp(text_path.read_text(encoding="utf-8"))
        quotes = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:
            triples = []  # textacy refuses documents with an odd number of quotation marks
            refused += 1
        for number, triple in enumerate(triples):
            content, speaker, cue = triple.content, triple.speaker, triple.cue
            start, end = content[0].idx, content[-1].idx + len(content[-1].text)
            speaker_span = (speaker[0].idx, speaker[-1].idx + len(speaker[-1].text)) if speaker else None
            quotes.append(
                Quote(
                    id=str(number),
                    text=doc.text[start:end],
                    start=start,
                    end=end,
                    kind="direct",
                    cue=cue[0].text,
                    cue_span=TextSpan(start=cue[0].idx, end=cue[-1].idx + len(cue[-1].text)),
                    speaker=Speaker(
                        name=" ".join(t.text for t in speaker),
                        mention=TextSpan(start=speaker_span[0], end=speaker_span[1]) if speaker_span else None,
                    ),
                )
            )
        c, r = tally(doc.text, quotes, gold, counts)
        checked, right = checked + c, right + r
    return _row(
        f"textacy 0.13.0 direct_quotations (same model; refused {refused} articles)",
        counts,
        f"{right / checked:.3f} ({checked})" if checked else "",
    )
