"""CAMEO 2.0 verb patterns (TABARI/PETRARCH) to PLOVER-typed verb frames for spaCy's dependency parse.

``CAMEO.2.0.txt`` groups verbs in blocks::

    ---  IMPOSE   [170]  ---          block name and default CAMEO code
    LEVY {LEVYING LEVIED LEVIES }     a verb (its irregular forms), optionally with its own [code]
    - * SANCTIONS      [163]          a pattern: * is the verb, then its object
    - * BAN (ON TRAVEL) [160]         ... and a prepositional phrase
    - * &WEAPON        [194]          &NAME is a synonym set defined at the top of the file

Patterns were written for a shallow parse; here each becomes a frame of (verb lemma, object head noun,
preposition, head noun of its object) that the events stage matches against the dependency parse: the
head of ``{MARTIAL LAW}`` is "law", ``(OF EMERGENCY)`` is ("of", "emergency"). Subject constraints (words
before ``*``) and source/target marks are dropped. CAMEO codes become PLOVER type and mode through the
PLOVER editors' table (``CAMEO2PLOVER-2021.txt``); codes it does not map are dropped, not guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_BLOCK = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---")
_CODE = re.compile(r"\[([^\]]*)\]")
_TABLE_ROW = re.compile(r"^(\d{2,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)")


@dataclass(frozen=True)
class Frame:
    """One PLOVER-typed verb frame; empty strings for the parts a pattern leaves open."""

    verb: str
    particle: str
    object: str
    prep: str
    prep_object: str
    type: str
    mode: str
    cameo: str


def read_plover_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER type, mode) from ``CAMEO2PLOVER-2021.txt``."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _TABLE_ROW.match(line)
        if match and len(match.group(1)) >= 3:
            table.setdefault(match.group(1), (match.group(2), match.group(3).strip()))
    return table


def _word(token: str) -> str:
    """A dictionary word as a lower-case lemma-like key: "SANCTIONS" -> "sanction", "KNIVES_" -> "knife"."""
    word = token.strip("_").replace("_", " ").lower().split(" ")[-1]
    for suffix, replacement in (("ives", "ife"), ("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh")):
        if word.endswith(suffix):
            return word[: -len(suffix)] + replacement
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    """&NAME -> its member words (as :func:`_word` keys)."""
    synsets: dict[str, list[str]] = {}
    current: str | None = None
    for line in lines:
        text = line.split("#", 1)[0].strip()
        if text.startswith("&") and " " not in text:
            current = text
            synsets[current] = []
        elif current and text.startswith("+"):
            word = _word(text[1:].split()[0])
            if word and word not in synsets[current]:
                synsets[current].append(word)
        elif text.startswith("---"):
            current = None
    return synsets


def _code(text: str) -> str | None:
    match = _CODE.search(text)
    if not match:
        return None
    code = match.group(1).split(":")[0].strip()  # "042:043": the source's code
    return code if code and code != "---" else None


def _tokens(pattern: str) -> list[str]:
    """The pattern's tokens with ``{...}`` groups and ``(...)`` phrases kept whole."""
    return re.findall(r"\{[^}]*\}|\([^)]*\)|\S+", pattern)


def _head(token: str, synsets: dict[str, list[str]]) -> str:
    """The head word a pattern token stands for: a phrase's last word, or a synonym set's name ("&weapon",
    its members listed apart); "" when the token is not one this table can read."""
    token = token.strip("{}")
    words = [w for w in token.split() if w not in ("$", "+", "%", "^")]
    if not words:
        return ""
    last = words[-1]
    if last.startswith("&"):
        return last.lower() if synsets.get(last) else ""
    return _word(last) if re.fullmatch(r"[A-Z_'-]+", last) else ""


def parse_pattern(pattern: str, synsets: dict[str, list[str]]) -> tuple[str, str, str] | None:
    """(object, preposition, object of the preposition) of one pattern's words after ``*``; None when it
    says nothing after the verb or holds a word this table cannot read."""
    tokens = _tokens(pattern)
    if "*" not in tokens:
        return None
    obj, prep, prep_object = "", "", ""
    for token in tokens[tokens.index("*") + 1 :]:
        if token.startswith("("):
            inner = token.strip("()").split()
            if inner and not prep:
                prep = inner[0].lower()
                prep_object = _head(" ".join(inner[1:]), synsets)
            continue
        if token in ("$", "+", "%", "^") or obj:
            continue
        obj = _head(token, synsets)
        if not obj:
            return None
    return (obj, prep, prep_object) if obj or prep else None


def read_frames(path: Path, plover: dict[str, tuple[str, str]]) -> Iterator[Frame]:
    """Every PLOVER-typed frame of a CAMEO verb dictionary; a verb's own default first, then its patterns."""
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    block_code: str | None = None
    verbs: list[tuple[str, str]] = []  # (lemma, particle) of the block's verbs
    in_patterns = False
    for line in lines:
        text = line.split("#", 1)[0].rstrip()
        if match := _BLOCK.match(text):
            block_code = _code(f"[{match.group(2)}]")
            verbs, in_patterns = [], True
            continue
        if not in_patterns or not text.strip():
            continue
        if text.startswith("-"):
            code = _code(text) or None
            if code is None or code not in plover:
                continue
            kind, mode = plover[code]
            parsed = parse_pattern(text[1:].split("[")[0], synsets)
            if parsed is None:
                continue
            for verb, particle in verbs:
                yield Frame(verb, particle, *parsed, kind, mode, code)
        elif re.match(r"^\+?[A-Z]", text):
            head = text.split("{")[0].split("[")[0].strip().lstrip("+")
            parts = head.lower().split("_")
            verb, particle = parts[0], " ".join(parts[1:])
            if not re.fullmatch(r"[a-z-]+", verb):
                continue
            code = _code(text) or block_code
            verbs.append((verb, particle))
            if code in plover:
                kind, mode = plover[code]
                yield Frame(verb, particle, "", "", "", kind, mode, code)
