"""The CAMEO verb frames (``data/cameo_frames.tsv``, built by ``newsledger dictionaries``) at run time.

:func:`frame_for` answers: given a verb's lemma, its particle, the head nouns of its direct objects and its
prepositional phrases, which PLOVER type and mode do the frames give it? The most specific frame wins: one
that names the object and a prepositional phrase, then the object, then the phrase (with its noun, then the
preposition alone); the verb's own default only when asked for (``defaults=True``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from newsledger.rules import RuleError

COLUMNS = ("verb", "particle", "object", "prep", "prep_object", "type", "mode", "cameo")


@dataclass(frozen=True)
class VerbFrame:
    particle: str
    object: str
    prep: str
    prep_object: str
    type: str
    mode: str | None
    cameo: str


@dataclass
class FrameTable:
    frames: dict[str, list[VerbFrame]]
    synsets: dict[str, frozenset[str]]

    def _is(self, word: str, wanted: str, words: Iterable[str]) -> bool:
        if not wanted:
            return True
        if wanted.startswith("&"):
            return any(w in self.synsets.get(wanted, frozenset()) for w in words)
        return wanted in words

    def frame_for(
        self,
        verb: str,
        particle: str = "",
        objects: frozenset[str] = frozenset(),
        preps: dict[str, frozenset[str]] | None = None,
        defaults: bool = False,
    ) -> VerbFrame | None:
        preps = preps or {}
        best: tuple[int, VerbFrame] | None = None
        for frame in self.frames.get(verb, ()):
            if frame.particle != particle:
                continue
            if frame.object and not self._is(frame.object, frame.object, objects):
                continue
            if frame.prep and (
                frame.prep not in preps or not self._is(frame.prep_object, frame.prep_object, preps[frame.prep])
            ):
                continue
            rank = 4 * bool(frame.object) + 2 * bool(frame.prep_object) + bool(frame.prep)
            if rank == 0 and not defaults:
                continue
            if best is None or rank > best[0]:
                best = (rank, frame)
        return best[1] if best else None


def _lines(name: str, env: str) -> list[tuple[str, list[str]]]:
    """(source, fields) of the rows of a bundled table and the user's file; read with a plain split, as
    the frames table is large (a csv reader takes most of a second over it)."""
    texts = [(name, (files("newsledger") / "data" / name).read_text(encoding="utf-8"))]
    if path := os.environ.get(env):
        try:
            texts.append((path, Path(path).read_text(encoding="utf-8")))
        except OSError as error:
            raise RuleError(f"{path} (${env}): cannot read it: {error.strerror or error}") from None
    rows = []
    for source, text in texts:
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        rows += [(source, line.split("\t")) for line in lines[1:]]  # past the header
    return rows


@cache
def cameo_frames() -> FrameTable:
    """The bundled frames, with the rows of ``$NEWSLEDGER_CAMEO_FRAMES`` added."""
    frames: dict[str, list[VerbFrame]] = {}
    for source, fields in _lines("cameo_frames.tsv", "NEWSLEDGER_CAMEO_FRAMES"):
        if len(fields) != len(COLUMNS):
            raise RuleError(f"{source}: a row has {len(fields)} columns, not {len(COLUMNS)}: {fields[:3]}")
        verb, particle, obj, prep, prep_object, kind, mode, cameo = fields
        frames.setdefault(verb, []).append(VerbFrame(particle, obj, prep, prep_object, kind, mode or None, cameo))
    synsets: dict[str, set[str]] = {}
    for _, fields in _lines("cameo_synsets.tsv", "NEWSLEDGER_CAMEO_SYNSETS"):
        synsets.setdefault(fields[0], set()).add(fields[-1])
    return FrameTable(frames, {name: frozenset(words) for name, words in synsets.items()})
