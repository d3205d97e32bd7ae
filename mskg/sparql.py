"""SPARQL over the Oxigraph store, answered in the same ``QueryResult`` shape as Cypher.

Entity IRIs come back as entity ids, typed literals as Python values, so a named query's
SPARQL twin can be compared with its Cypher form.
"""

from __future__ import annotations

import re
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, QuerySolutions

from mskg.loaders.rdf import entity_id_of, iri
from mskg.stores.base import QueryResult

_INTEGER = {
    "http://www.w3.org/2001/XMLSchema#integer",
    "http://www.w3.org/2001/XMLSchema#nonNegativeInteger",
    "http://www.w3.org/2001/XMLSchema#int",
    "http://www.w3.org/2001/XMLSchema#long",
}


def term_value(term: Any, base: str) -> Any:
    if term is None:
        return None
    if isinstance(term, NamedNode):
        return entity_id_of(base, term.value) or term.value
    if isinstance(term, Literal):
        if term.datatype.value in _INTEGER:
            return int(term.value)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#boolean":
            return term.value == "true"
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    return str(term)


def bind_values(sparql: str, params: dict[str, Any], entity_params: set[str], base: str) -> str:
    """Bind parameters with a VALUES block at the start of the outer WHERE.

    The terms are serialised by pyoxigraph (IRIs from validated ids, literals escaped), so
    user text never becomes SPARQL syntax. (pyoxigraph's ``substitutions`` would need the
    variables in the SELECT projection.)
    """
    if not params:
        return sparql
    names = sorted(params)
    terms = [iri(base, params[k]) if k in entity_params else Literal(str(params[k])) for k in names]
    block = f"VALUES ({' '.join('?' + k for k in names)}) {{ ({' '.join(map(str, terms))}) }}"
    match = re.search(r"WHERE\s*\{", sparql, flags=re.I)
    if not match:
        raise ValueError("a named SPARQL query needs a WHERE clause")
    return f"{sparql[: match.end()]}\n  {block}\n{sparql[match.end() :]}"


def select(
    stores: Any, sparql: str, params: dict[str, Any], entity_params: set[str]
) -> QueryResult:
    base = stores.base
    solutions = stores.rdf.query(bind_values(sparql, params, entity_params, base))
    if not isinstance(solutions, QuerySolutions):
        raise TypeError("a named SPARQL query must be a SELECT")
    columns = [v.value for v in solutions.variables]
    rows = [{c: term_value(s[c], base) for c in columns} for s in solutions]
    return QueryResult(columns=columns, rows=rows)
