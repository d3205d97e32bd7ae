"""Documentation derived from the ontology must be current."""

from pathlib import Path

from mskg.ontology import load_ontology
from mskg.ontology.docs import render

ROOT = Path(__file__).resolve().parents[1]


def test_model_page_is_current() -> None:
    page = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert page == render(load_ontology()), "docs/model.md is stale: run `make docs`"


def test_readme_shows_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
