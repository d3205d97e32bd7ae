"""The named-query catalogue: ``NAME.cypher`` and ``NAME.rq`` side by side (see catalogue.py)."""

from mskg.queries.catalogue import NamedQuery, Param, get_query, list_queries, run_named

__all__ = ["NamedQuery", "Param", "get_query", "list_queries", "run_named"]
