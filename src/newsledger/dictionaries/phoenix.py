"""Phoenix agents (``Phoenix.agents.txt``) to a table of role nouns and their CAMEO sector codes.

Lines are ``NOUN_PHRASE [~CODE]`` (``_`` for spaces); ``!PERSON!``-style macros defined as
``!NAME! = A, B`` expand to each of their words ("CATTLE!PERSON!" -> "cattle man", "cattle woman" ...).
A code is one or more three-letter sectors ("GOVMIL": government, military); the first is the sector.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

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
