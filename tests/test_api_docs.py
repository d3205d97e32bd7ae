"""docs/api.md must keep up with the code: every route and every setting is documented."""

from __future__ import annotations

import pytest

from mskg.api.app import create_app
from mskg.config import Settings
from tests.conftest import ROOT

API_DOC = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
# Neo4j connection settings are documented with the production setup.
ELSEWHERE = {"neo4j_user", "neo4j_password", "neo4j_database", "neo4j_readonly_user"}
ELSEWHERE |= {"neo4j_readonly_password", "graph_name"}


def routes() -> list[str]:
    """The paths the OpenAPI description publishes (no store is opened for that)."""
    app = create_app(Settings(data_dir=ROOT / "data-unused"))
    return sorted(app.openapi()["paths"])


@pytest.mark.parametrize("path", routes())
def test_every_route_is_documented(path):
    assert f"`{path}" in API_DOC or f" {path}" in API_DOC, f"{path} is missing from docs/api.md"


@pytest.mark.parametrize("name", sorted(set(Settings.model_fields) - ELSEWHERE))
def test_every_setting_is_documented(name):
    assert f"MSKG_{name.upper()}" in API_DOC, f"MSKG_{name.upper()} is missing from docs/api.md"
