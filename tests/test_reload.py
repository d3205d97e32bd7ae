"""A reload skips unchanged documents, but rewrites them when what a document writes has
changed (a new mapping version or an edited ontology), so a store never keeps an old shape."""

from __future__ import annotations

import pytest

from mskg.loaders import graph as graph_mapping
from mskg.loaders import read_source
from mskg.pipeline import load_documents, stats
from tests.conftest import CORPUS

DOC = CORPUS / "001_1dea5c03c5093fa0.json"


@pytest.fixture
def new_mapping(monkeypatch):
    monkeypatch.setattr(graph_mapping, "MAPPING_VERSION", "test-next")
    graph_mapping.mapping_key.cache_clear()
    yield
    graph_mapping.mapping_key.cache_clear()


def test_unchanged_documents_are_skipped(stores):
    assert load_documents(stores, [DOC]).documents == 1
    again = load_documents(stores, [DOC])
    assert (again.documents, again.skipped) == (0, 1)


def test_a_new_mapping_rewrites_stored_documents(stores, request):
    first = load_documents(stores, [DOC])
    before = stats(stores)
    request.getfixturevalue("new_mapping")
    rerun = load_documents(stores, [DOC])
    assert (rerun.documents, rerun.skipped) == (1, 0)
    assert rerun.triples == first.triples
    assert stats(stores) == before
    (doc,) = read_source(DOC)
    assert stores.graph.document_hash(doc.id) == graph_mapping.document_sha256(doc)
