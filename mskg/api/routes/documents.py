"""Source documents: read them; add or retract them (API key required)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from mskg.api.deps import StateDep, StoresDep, require_api_key
from mskg.errors import BadQuery, InvalidDocument, NotFound, Problem

router = APIRouter(tags=["documents"])

LIST = """
MATCH (d:Document)
RETURN d.id AS id, d.title AS title, d.lang AS lang, d.source AS source,
       d.published AS published
ORDER BY id SKIP $offset LIMIT $limit
"""


@router.get("/documents", summary="The loaded documents")
def documents(
    stores: StoresDep,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    rows = stores.graph.read(LIST, {"offset": offset, "limit": limit}, row_cap=None).rows
    return {"items": rows, "limit": limit, "offset": offset}


@router.get("/documents/{id}", summary="One document: text, metadata and annotations")
def document(
    stores: StoresDep,
    id: Annotated[str, Path(description="Document id", examples=["001_1dea5c03c5093fa0"])],
) -> dict[str, Any]:
    rows = stores.graph.read("MATCH (d:Document {id: $id}) RETURN d.json AS json", {"id": id}).rows
    if not rows:
        raise NotFound(f"no document {id!r}", hint="list them with GET /documents")
    return json.loads(rows[0]["json"])


async def _read_upload(request: Request) -> list[Any]:
    """Native JSON or a Label Studio export in the body, or brat .txt + .ann as multipart."""
    from mskg.loaders import read_source

    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    with tempfile.TemporaryDirectory() as tmp:
        folder = FilePath(tmp)
        if content_type == "multipart/form-data":
            form = await request.form()
            # multi_items: several files under one field name (values() keeps only the last)
            files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
            for upload in files:
                name = FilePath(upload.filename or "upload").name
                (folder / name).write_bytes(await upload.read())
            anns = sorted(folder.glob("*.ann"))
            jsons = sorted(folder.glob("*.json"))
            if not anns and not jsons:
                raise BadQuery("no .ann (with its .txt) or .json file in the form")
            docs = []
            for path in anns + jsons:
                docs += read_source(path)
            return docs
        if content_type not in ("application/json", ""):
            raise BadQuery(
                f"unsupported content type {content_type!r}",
                hint="send application/json or multipart/form-data",
            )
        path = folder / "upload.json"
        path.write_bytes(await request.body())
        try:
            return read_source(path)
        except InvalidDocument as exc:
            raise InvalidDocument("request body", exc.problems) from None


@router.post(
    "/documents",
    status_code=201,
    summary="Add or replace documents",
    dependencies=[Depends(require_api_key)],
)
async def add(request: Request, state: StateDep, stores: StoresDep) -> dict[str, Any]:
    """Body: a native document (application/json), a Label Studio export, or brat `.txt` +
    `.ann` files as multipart/form-data. Idempotent (an unchanged document is skipped) and
    atomic per document; an invalid document writes nothing and the 422 names each problem."""
    docs = await _read_upload(request)
    from mskg.pipeline import load_documents

    def write() -> Any:
        with state.write_lock:
            report = load_documents(stores, docs, strict=True)
            if state.sparql is not None:
                state.sparql.refresh()
            return report

    report = await run_in_threadpool(write)
    if report.failures:
        problems = [p for f in report.failures for p in f.problems] or [
            Problem("$", f.message) for f in report.failures
        ]
        raise InvalidDocument("request body", problems)
    return {"loaded": report.loaded, **report.to_json()}


@router.delete(
    "/documents/{id}",
    status_code=204,
    summary="Retract a document",
    dependencies=[Depends(require_api_key)],
    response_class=Response,
)
def remove(
    state: StateDep,
    stores: StoresDep,
    id: Annotated[str, Path(description="Document id")],
) -> Response:
    """Facts that no other document supports disappear from both stores."""
    from mskg.pipeline import delete_document

    with state.write_lock:
        deleted = delete_document(stores, id)
        if state.sparql is not None:
            state.sparql.refresh()
    if not deleted:
        raise NotFound(f"no document {id!r}")
    return Response(status_code=204)
