"""The CAMEO verb frames (``data/cameo_frames.tsv``, built by ``newsledger dictionaries``) at run time.

:func:`frame_for` answers: given a verb's lemma, its particle, the head nouns of its direct objects and its
prepositional phrases, which PLOVER type and mode do the frames give it? The most specific frame wins: one
that names the object and a prepositional phrase, then the object, then the phrase (with its noun, then the
preposition alone); the verb's own default only when asked for (``defaults=True``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from newsledger.rules import read_table

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


@cache
def cameo_frames() -> FrameTable:
    """The bundled frames, with the rows of ``$NEWSLEDGER_CAMEO_FRAMES`` added."""
    frames_rows, user_rows = read_table("cameo_frames.tsv", "NEWSLEDGER_CAMEO_FRAMES", COLUMNS)
    frames: dict[str, list[VerbFrame]] = {}
    for row in [*frames_rows, *user_rows]:
        values = row.values
        frames.setdefault(values["verb"], []).append(
            VerbFrame(
                values["particle"] or "",
                values["object"] or "",
                values["prep"] or "",
                values["prep_object"] or "",
                values["type"],
                values["mode"] or None,
                values["cameo"],
            )
        )
    synset_rows, _ = read_table("cameo_synsets.tsv", "NEWSLEDGER_CAMEO_SYNSETS", ("set", "word"))
    synsets: dict[str, set[str]] = {}
    for row in synset_rows:
        synsets.setdefault(row.values["set"], set()).add(row.values["word"])
    return FrameTable(frames, {name: frozenset(words) for name, words in synsets.items()})
