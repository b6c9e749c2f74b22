"""What ``newsledger eval`` and ``newsledger bench`` share: a report table and the loop that
runs a list of modules and writes their reports into one Markdown page."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType


@dataclass
class Report:
    """What one scorer or benchmark measured: a table (header + rows) and notes under it."""

    columns: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)

    def markdown(self) -> str:
        lines = ["| " + " | ".join(self.columns) + " |", "|" + "---|" * len(self.columns)]
        lines += ["| " + " | ".join(row) + " |" for row in self.rows]
        return "\n".join([*lines, "", *self.notes])


def run_modules(
    command: str,
    module_names: list[str],
    only: set[str],
    run: Callable[[ModuleType], Report | None],
    header: list[str],
    output: Path,
    write: bool,
    echo: Callable[[str], None] = print,
    merge: bool = False,
) -> dict[str, Report]:
    """Run ``run(module)`` for each listed module (or those named in ``only``); when ``write``,
    regenerate ``output`` with one section per report under ``header``; when ``merge`` (a run of
    some modules on the full data), replace just their sections in ``output``."""
    reports: dict[str, Report] = {}
    sections = [*header, ""]
    for module_name in module_names:
        module = importlib.import_module(module_name)
        if only and module.NAME not in only:
            continue
        report = run(module)
        if report is None:
            continue
        reports[module.NAME] = report
        echo(report.markdown())
        command_line = f"newsledger {command} --only {module.NAME}"
        sections += [f"## {module.TITLE}", "", f"Command: `{command_line}`", "", report.markdown(), ""]
    if reports and write:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text("\n".join(sections))
        echo(f"{command}: wrote {output}")
    elif reports and merge and output.exists():
        output.write_text(merge_sections(output.read_text(), sections[len(header) + 1 :]))
        echo(f"{command}: updated {', '.join(reports)} in {output}")
    elif reports:
        echo(f"{command}: a partial run (--limit); {output} left as it was")
    return reports


def merge_sections(page: str, new_lines: list[str]) -> str:
    """``page`` with each "## " section of ``new_lines`` put in place of the one of the same title
    (or added at the end), so that ``--only`` refreshes its own figures and leaves the others."""

    def split(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
        head: list[str] = []
        sections: dict[str, list[str]] = {}
        current: list[str] = head
        for line in lines:
            if line.startswith("## "):
                current = sections.setdefault(line, [])
            current.append(line)
        return head, sections

    head, old = split(page.splitlines())
    _, new = split(new_lines)
    merged = {**old, **new}
    body: list[str] = []
    for section in merged.values():
        while section and not section[-1].strip():
            section = section[:-1]
        body += [*section, ""]  # one blank line between sections, wherever each came from
    return "\n".join([*head, *body]).rstrip("\n") + "\n"
