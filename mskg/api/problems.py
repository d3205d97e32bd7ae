"""One error shape everywhere: RFC 9457 ``application/problem+json``, never a stack trace."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from mskg.errors import InvalidDocument, MskgError

log = logging.getLogger("mskg.api")
MEDIA_TYPE = "application/problem+json"


class ProblemItem(BaseModel):
    place: str = Field(examples=["$.mentions[3]"])
    message: str = Field(examples=["mention m4 says 'الرباط' but text[120:126] is 'الربا'"])
    hint: str = ""


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = Field("about:blank", examples=["about:blank"])
    title: str = Field(examples=["Not found"])
    status: int = Field(examples=[404])
    detail: str = Field(examples=["no entity 'state/XYZ'"])
    instance: str | None = Field(None, examples=["/entities/state/XYZ"])
    problems: list[ProblemItem] | None = None


def problem(
    status: int,
    detail: str,
    request: Request,
    title: str | None = None,
    problems: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.url.path,
    }
    if problems:
        body["problems"] = problems
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def install(app: FastAPI) -> None:
    @app.exception_handler(MskgError)
    async def mskg_error(request: Request, exc: MskgError) -> JSONResponse:
        items = None
        if isinstance(exc, InvalidDocument):
            items = [{"place": p.place, "message": p.message, "hint": p.hint} for p in exc.problems]
        return problem(exc.status, str(exc), request, exc.title, items)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(
            exc.status_code, str(exc.detail), request, headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        items = [
            {"place": ".".join(str(p) for p in e["loc"]), "message": e["msg"], "hint": ""}
            for e in exc.errors()
        ]
        return problem(
            422,
            "the request is not valid: "
            + "; ".join(f"{i['place']}: {i['message']}" for i in items),
            request,
            problems=items,
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem(500, "an unexpected error occurred; it has been logged", request)
