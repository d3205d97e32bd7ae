"""What routes share: the stores the app owns, the write lock, the API-key check."""

from __future__ import annotations

import secrets
import threading
from typing import TYPE_CHECKING, Annotated

from fastapi import Depends, Header, HTTPException, Request

from mskg.config import Settings
from mskg.pipeline import Stores

if TYPE_CHECKING:
    from mskg.api.sparql_worker import SparqlPool


class State:
    """The application's state: the stores (opened in the lifespan) and a write lock."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stores: Stores | None = None
        self.error: str | None = None
        self.write_lock = threading.Lock()
        self.sparql: SparqlPool | None = None


def app_state(request: Request) -> State:
    return request.app.state.mskg


def stores(request: Request) -> Stores:
    state: State = request.app.state.mskg
    if state.stores is None:
        raise HTTPException(503, f"the stores are not available: {state.error or 'starting'}")
    return state.stores


StoresDep = Annotated[Stores, Depends(stores)]
StateDep = Annotated[State, Depends(app_state)]


def require_api_key(
    request: Request,
    x_api_key: Annotated[str | None, Header(description="A key from MSKG_API_KEYS.")] = None,
) -> None:
    keys = request.app.state.mskg.settings.api_key_list()
    if not keys:
        raise HTTPException(403, "writes are disabled: no API key is configured (MSKG_API_KEYS)")
    if not x_api_key:
        raise HTTPException(
            401,
            "this endpoint needs an X-API-Key header",
            headers={"WWW-Authenticate": "X-API-Key"},
        )
    if not any(secrets.compare_digest(x_api_key.encode(), k.encode()) for k in keys):
        raise HTTPException(403, "the X-API-Key is not valid")
