"""The stores behind small interfaces (``mskg.stores.base``): graph and RDF."""

from __future__ import annotations

from mskg.config import Settings
from mskg.stores.base import GraphStore

NEO4J_SCHEMES = ("bolt://", "bolt+s://", "bolt+ssc://", "neo4j://", "neo4j+s://", "neo4j+ssc://")


def open_graph_store(settings: Settings) -> GraphStore:
    """Unset URL: embedded FalkorDB; ``redis://``: external FalkorDB; bolt/neo4j: Neo4j."""
    url = settings.graph_url or ""
    if url.startswith(NEO4J_SCHEMES):
        from mskg.stores.neo4j import Neo4jStore

        return Neo4jStore(settings)
    from mskg.stores.falkordb import FalkorStore

    return FalkorStore(settings)
