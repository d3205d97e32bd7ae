"""`mskg export --format gexf`: the file parses (as XML and with networkx, a real GEXF reader)
and holds the corpus's entities and relations."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

from mskg.ontology.model import rel_type
from mskg.pipeline import Stores
from tests.conftest import CORPUS

NS = {"g": "http://gexf.net/1.3"}


@pytest.fixture(scope="module")
def gexf_file(corpus_settings, tmp_path_factory) -> Path:
    """Exported through the CLI, in a separate process, as a user would."""
    out = tmp_path_factory.mktemp("gexf") / "mskg.gexf"
    env = os.environ | {
        "MSKG_DATA_DIR": str(corpus_settings.data_dir),
        "MSKG_GRAPH_URL": corpus_settings.graph_url,
        "MSKG_GRAPH_NAME": corpus_settings.graph_name,
    }
    proc = subprocess.run(
        [sys.executable, "-m", "mskg.cli", "export", "--format", "gexf", "-o", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return out


def gold() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CORPUS.glob("*.json"))]


def test_gexf_holds_the_corpus(gexf_file: Path) -> None:
    root = ET.parse(gexf_file).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    nodes = {n.get("id"): n for n in root.iterfind(".//g:nodes/g:node", NS)}
    edges = root.findall(".//g:edges/g:edge", NS)
    titles = {
        (a.get("id")): a.get("title")
        for a in root.iterfind(".//g:attributes[@class='edge']/g:attribute", NS)
    }

    def attrs(el) -> dict[str, str]:
        return {titles[v.get("for")]: v.get("value") for v in el.iterfind(".//g:attvalue", NS)}

    by_triple: dict[tuple[str, str, str], list[dict[str, str]]] = {}
    for e in edges:
        by_triple.setdefault((e.get("source"), e.get("label"), e.get("target")), []).append(
            attrs(e)
        )
    for doc in gold():
        for m in doc["mentions"]:
            assert m["ref"] in nodes, m["ref"]
        for r in doc["relations"]:
            found = by_triple.get((r["subject"], rel_type(r["type"]), r["object"]))
            assert found, (doc["id"], r["id"])
            assert any(doc["id"] in a["sources"].split("|") for a in found)
            if "role" in r.get("attrs", {}):
                assert any(a.get("role") == r["attrs"]["role"] for a in found)
    # Arabic labels come through as written.
    assert nodes["state/MAR"].get("label") == "المغرب"


def test_gexf_matches_the_graph_store(gexf_file: Path, corpus_settings) -> None:
    """networkx reads it, and it has exactly the store's entities and entity-to-entity edges."""
    g = nx.read_gexf(gexf_file)
    with Stores(corpus_settings) as stores:
        n_nodes = stores.graph.read("MATCH (n:Entity) RETURN count(n) AS n").rows[0]["n"]
        n_edges = stores.graph.read("MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n").rows[0][
            "n"
        ]
    assert g.number_of_nodes() == n_nodes > 100
    assert g.number_of_edges() == n_edges > 100
    assert g.is_directed()
