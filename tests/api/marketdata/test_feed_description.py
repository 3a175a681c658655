"""The feed's machine-readable description (AsyncAPI 3, next to the OpenAPI document) and its
page name every channel, message, error code and close code the protocol has."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from adapters.http.marketdata import feed_protocol
from adapters.http.marketdata.feed_protocol import CHANNELS

DOCS = Path(__file__).resolve().parents[3] / "docs" / "market-data.md"
FRAMES = ("authenticated", "subscribed", "unsubscribed", "heartbeat", "pong", "error")
CLIENT = ("auth", "subscribe", "unsubscribe", "ping")


def _resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for value in node for r in _refs(value)]
    return []


async def test_the_asyncapi_document_names_every_channel_and_message(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/api/asyncapi.json")
    assert response.status_code == 200
    document = json.loads(response.text)
    assert document["asyncapi"] == "3.0.0"
    assert set(document["channels"]) == {"control", *CHANNELS}
    assert all(c["address"] == "/ws/market-data" for c in document["channels"].values())
    messages = document["components"]["messages"]
    assert set(messages) == {*CLIENT, *FRAMES, *CHANNELS}
    for name, message in messages.items():
        assert message["payload"]["properties"]["type"]["const"] == name
    for ref in _refs(document):  # every reference resolves
        assert _resolve(document, ref) is not None, ref
    actions = {
        (o["action"], o["messages"][0]["$ref"].rsplit("/", 1)[-1])
        for o in document["operations"].values()
    }
    assert {("receive", m) for m in CLIENT} | {("send", m) for m in (*FRAMES, *CHANNELS)} == actions


def test_the_page_documents_every_error_code_and_close_code() -> None:
    page = DOCS.read_text()
    codes = [v for k, v in vars(feed_protocol).items() if k.isupper() and isinstance(v, str)]
    closes = [v for k, v in vars(feed_protocol).items() if k.startswith("CLOSE_")]
    assert codes
    assert closes
    assert [c for c in codes if f"`{c}`" not in page] == []
    assert [c for c in closes if f"`{c}`" not in page] == []
    assert [t for t in (*CLIENT, *FRAMES, *CHANNELS) if f"`{t}`" not in page] == []
