"""The live feed's WebSocket ``/ws/market-data`` and its AsyncAPI description
(``/api/asyncapi.json``, next to the OpenAPI document)."""

from __future__ import annotations

from typing import Any, Final

from fastapi import APIRouter, Request
from starlette.websockets import WebSocket

from adapters.http.marketdata.feed_asyncapi import FEED_PATH, asyncapi_document
from adapters.http.marketdata.feed_hub import FeedHub
from adapters.http.marketdata.feed_session import FeedSession
from adapters.http.registry import HandlerRegistry

ASYNCAPI_URL: Final = "/api/asyncapi.json"

# A plain WebSocket route: no HTTP dependencies run on it (the protocol authenticates).
feed_router = APIRouter()
docs_router = APIRouter(include_in_schema=False)


async def market_data_feed(websocket: WebSocket) -> None:
    registry: HandlerRegistry = websocket.app.state.handlers
    hub = registry.resolve(FeedHub)
    await websocket.accept()
    await FeedSession(websocket, hub).run()


feed_router.add_websocket_route(FEED_PATH, market_data_feed, name="marketdata_feed")


@docs_router.get(ASYNCAPI_URL)
async def asyncapi(request: Request) -> dict[str, Any]:
    return asyncapi_document(request.app.version)
