"""Limits of the embedded FalkorDB that protect the server from researchers' queries."""

from __future__ import annotations

import time

import pytest

from mskg.errors import BadQuery, QueryTimeout
from mskg.pipeline import Stores
from mskg.stores.falkordb import READ_GRACE
from tests.conftest import make_settings


def test_a_query_that_builds_a_huge_list_is_refused(stores):
    """QUERY_MEM_CAPACITY: 300 million integers do not fit in the per-query memory."""
    with pytest.raises(BadQuery, match="MiB of memory"):
        stores.graph.read("UNWIND range(1, 300000000) AS x RETURN collect(x) AS xs", timeout=120)
    assert stores.graph.read("RETURN 1 AS ok").rows == [{"ok": 1}]


def test_one_long_step_still_ends_at_the_deadline(tmp_path, falkordb_server):
    """FalkorDB checks its timeout between steps, and building a huge range is one step (it ran
    29 s past a 2 s timeout). The client stops waiting at timeout + grace, unless the memory
    cap stopped the query first, and the store keeps answering."""
    settings = make_settings(tmp_path / "data", falkordb_server, query_timeout=1)
    with Stores(settings) as stores:
        started = time.monotonic()
        with pytest.raises((QueryTimeout, BadQuery)):
            stores.graph.read("UNWIND range(1, 300000000) AS x WITH x WHERE x % 7 = 0 RETURN 1")
        assert time.monotonic() - started < 1 + READ_GRACE + 3
        assert stores.graph.read("RETURN 1 AS ok").rows == [{"ok": 1}]
