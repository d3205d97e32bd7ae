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


def test_ids_shown_in_the_model_page_exist() -> None:
    """Every example id of the page's id table is a registry entity or a corpus entity."""
    import json
    import re

    from mskg.ontology import load_registry

    page = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    section = page.split("## Ids", 1)[1].split("\n## ", 1)[0]
    examples = re.findall(r"\| `([a-z]+/[^`]+)` \|$", section, flags=re.M)
    assert len(examples) >= 9
    known = {e.id for e in load_registry()}
    for path in sorted((ROOT / "corpus").glob("*.json")):
        known |= {e["id"] for e in json.loads(path.read_text(encoding="utf-8"))["entities"]}
    assert [x for x in examples if x not in known] == []


def test_model_page_explains_how_to_annotate() -> None:
    page = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    assert "```mermaid" in page and "classDiagram" in page
    for command in ("mskg schema", "mskg validate", "mskg annotate", "mskg check"):
        assert command in page, command
