"""Phoenix agents (``Phoenix.agents.txt``) to a table of role nouns and their CAMEO sector codes, and the
Phoenix actor files (``Phoenix.*.actors.txt``) to an actor table with dated roles.

Lines are ``NOUN_PHRASE [~CODE]`` (``_`` for spaces); ``!PERSON!``-style macros defined as
``!NAME! = A, B`` expand to each of their words ("CATTLE!PERSON!" -> "cattle man", "cattle woman" ...).
A code is one or more three-letter sectors ("GOVMIL": government, military); the first is the sector.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.lexicon import countries, office_in, split_code

_MACRO = re.compile(r"^(![A-Z]+!)\s*=\s*(.+)$")
_AGENT = re.compile(r"^([A-Z0-9_!'&.-]+)\s*\[~?([A-Z]{3,})\]")


def read_agents(path: Path) -> Iterator[tuple[str, str]]:
    """(lower-case phrase, code) rows; a phrase repeated keeps its first code."""
    macros: dict[str, list[str]] = {}
    seen: set[str] = set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if match := _MACRO.match(line):
            macros[match.group(1)] = [w.strip().lower() for w in match.group(2).split(",") if w.strip()]
            continue
        match = _AGENT.match(line)
        if not match:
            continue
        phrase, code = match.group(1), match.group(2)
        forms = [phrase]
        for macro, words in macros.items():
            if macro in phrase:
                forms = [f.replace(macro, f"_{w.upper()}") for f in forms for w in words]
        for form in forms:
            text = " ".join(form.replace("_", " ").lower().split())
            if text and "!" not in text and text not in seen:
                seen.add(text)
                yield text, code


# --- actors -------------------------------------------------------------------------------------------------

_CODE = re.compile(r"\[([A-Z~]{3,})(?:\s+([<>]?)(\d{6}|\d{8})?(?:-(\d{6}|\d{8}))?)?\s*\]")


@dataclass
class PhoenixActor:
    """One actor block of a Phoenix ``.actors`` file: its names and its dated codes."""

    names: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # (CAMEO code, start, end): ISO dates or ""
    person: bool = False  # a CountryInfo leader line or a dated code
    section: str = ""  # the comment header it sits under ("# U.S. Presidents")


def _iso_date(digits: str) -> str:
    """``080508`` (two-digit years: up to 30 are 20xx) or ``20080508`` -> ``2008-05-08``."""
    if len(digits) == 6:
        year = int(digits[:2])
        digits = f"{2000 + year if year <= 30 else 1900 + year}{digits[2:]}"
    return f"{digits[:4]}-{digits[4:6]}-{digits[6:8]}"


def _codes(line: str) -> list[tuple[str, str, str]]:
    found = []
    for match in _CODE.finditer(line):
        code, bound, first, second = match.groups()
        if code.startswith("~"):
            continue
        start = end = ""
        if first and second:
            start, end = _iso_date(first), _iso_date(second)
        elif first and bound == "<":
            end = _iso_date(first)
        elif first:  # ">080508": from that day on
            start = _iso_date(first)
        found.append((code, start, end))
    return found


def _phrase(raw: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``vladimir v. putin``."""
    return " ".join(raw.replace("_", " ").split()).lower()


def read_actor_blocks(path: Path) -> Iterator[PhoenixActor]:
    """The actor blocks of a Phoenix file: names shared by the code lines that follow them.

    A block is one or more name lines (the first is the name; ``+`` lines and further bare name lines are
    aliases) and its codes, written on the name line or on indented lines after it.
    """
    block = PhoenixActor()
    section = ""
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = raw.strip()
        if stripped.startswith("#"):
            section = stripped.lstrip("# ").strip() or section
            continue
        content, _, comment = raw.partition("#")
        text = content.strip()
        if not text:
            if block.codes:
                yield block
                block = PhoenixActor(section=section)
            continue
        if text.startswith("["):
            block.codes.extend(_codes(text))
            continue
        name = text.split("[", 1)[0].strip().lstrip("+").strip()
        is_alias = text.startswith("+")
        if not is_alias and block.codes:
            yield block
            block = PhoenixActor()
        if not block.names:
            block.section = section
        if name:
            block.names.append(_phrase(name))
        if "CountryInfo" in comment:
            block.person = True
        block.codes.extend(_codes(text))
    if block.codes:
        yield block


_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|dr|senator|sen|gov|governor|rep|president-elect|former)\.? |administration$")


def actor_rows(blocks: Iterator[PhoenixActor], iso2: dict[str, str], group: bool) -> Iterator[tuple[str, ...]]:
    """(name, aliases, type, country, sector, terms) rows of the actor blocks.

    ``terms`` are ``CODE start..end [office]`` joined by ``|`` ("USAGOV 2009-01-20.. president"); the office
    of a government term comes from the section header the block sits under ("# U.S. Presidents"), else from
    its titled aliases when they name one office only ("president obama", "us president barack obama").
    Country blocks (a bare country code, "[UKR 911221-]": countries.tsv holds states and their places) and undated
    descriptions of an office ("president of the united states") are left out.
    """
    seen: set[str] = set()
    for block in blocks:
        codes = block.codes
        dated = [c for c in codes if c[1] or c[2]]
        if not block.names or all(len(code) <= 3 for code, _, _ in codes) or any(code in iso2 for code, _, _ in codes):
            continue  # a state and its places (a bare country code, dated or not): countries.tsv holds states
        if countries().named(block.names[0]):
            continue  # a territory ("Guam": USAGUM): a place, not an actor
        if not dated and office_in(block.names[0]):
            continue
        if block.names[0] in seen:
            continue
        seen.add(block.names[0])
        titled = {office_in(name) for name in block.names} - {None}
        office = office_in(block.section) if dated else None
        if office is None and len(titled) == 1:
            office = next(iter(titled))
        terms = []
        for code, start, end in codes:
            term = f"{code} {start}..{end}"
            if office and (start or end) and "GOV" in code[3:]:
                term += f" {office}"
            terms.append(term)
        latest = max(dated, key=lambda c: c[1] or "0") if dated else codes[0]
        country, sector = split_code(latest[0], iso2)
        aliases = [
            name
            for name in dict.fromkeys(block.names[1:])
            if name != block.names[0] and not _HONORIFIC.search(name) and not office_in(name)
        ]
        kind = "GROUP" if group else "PERSON" if block.person or dated else "ORG"
        yield _display(block.names[0]), "|".join(aliases), kind, country, sector, "|".join(terms)


def _display(phrase: str) -> str:
    """``vladimir v. putin`` -> ``Vladimir V. Putin``; ``al-shabaab`` -> ``Al-Shabaab``."""
    return re.sub(r"(^|[\s(-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), phrase)
