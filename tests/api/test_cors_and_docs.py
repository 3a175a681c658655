from __future__ import annotations

import re

import httpx

from infrastructure.app import create_app
from infrastructure.container import Container


async def test_cors_admits_only_configured_origins(container: Container) -> None:
    settings = container.settings.model_copy(update={"cors_origins": ["https://app.example"]})
    app = create_app(settings, container=container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        allowed = await client.options(
            "/api/v1/status",
            headers={"Origin": "https://app.example", "Access-Control-Request-Method": "GET"},
        )
        refused = await client.get("/api/v1/status", headers={"Origin": "https://evil.example"})
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    assert "access-control-allow-origin" not in refused.headers


async def test_the_docs_load_every_asset_from_this_server(client: httpx.AsyncClient) -> None:
    for page in ("/api/docs", "/api/redoc"):
        html = (await client.get(page)).text
        assets = re.findall(r'(?:src|href)="([^"]+)"', html)
        assert assets, page
        for asset in assets:
            assert asset.startswith("/"), f"{page} loads {asset} from another host"
            response = await client.get(asset)
            assert response.status_code == 200, asset
            assert len(response.content) > 100
        assert "/api/schema" in html


async def test_the_schema_is_served(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/api/schema")).json()
    assert schema["info"]["title"] == "Meridian API"
    assert "/api/v1/status" in schema["paths"]
