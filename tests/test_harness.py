"""The eval harness: --limit runs never overwrite docs/quality.md; --only runs replace their own sections."""

from __future__ import annotations

from pathlib import Path

from conftest import needs_data
from newsledger.evaluation import run_all


def test_partial_eval_prints_and_leaves_the_page_alone(tmp_path: Path) -> None:
    needs_data("extraction")
    from conftest import DATA

    page = tmp_path / "quality.md"
    page.write_text("old", encoding="utf-8")
    lines: list[str] = []
    reports = run_all(DATA, page, only={"html"}, limit=3, echo=lines.append)
    assert list(reports) == ["html"]
    assert float(reports["html"].rows[0][1]) > 0.5  # F1 on three pages
    assert page.read_text(encoding="utf-8") == "old"
    assert any("partial run" in line for line in lines)


def test_absent_data_is_skipped_with_a_message(tmp_path: Path) -> None:
    lines: list[str] = []
    reports = run_all(tmp_path / "nowhere", tmp_path / "quality.md", only=set(), limit=None, echo=lines.append)
    assert reports == {}
    assert not (tmp_path / "quality.md").exists()
    assert sum("skipped" in line for line in lines) >= 7


def test_a_run_of_some_modules_replaces_only_their_sections() -> None:
    from newsledger.harness import merge_sections

    page = "# Quality\n\nheader line\n\n## A\n\nold a\n\n## B\n\nold b\n"
    merged = merge_sections(page, ["## B", "", "new b", "", "## C", "", "new c", ""])
    assert merged == "# Quality\n\nheader line\n\n## A\n\nold a\n\n## B\n\nnew b\n\n## C\n\nnew c\n"
