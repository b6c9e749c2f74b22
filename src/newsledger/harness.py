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
) -> dict[str, Report]:
    """Run ``run(module)`` for each listed module (or those named in ``only``); when ``write``,
    regenerate ``output`` with one section per report under ``header``."""
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
    elif reports:
        echo(f"{command}: a partial run (--only/--limit); {output} left as it was")
    return reports
