"""Every message template renders, for every channel it has, with all its variables; an
unknown template or a missing variable is a permanent delivery error, not a surprise."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, meta

from infrastructure.notifications.templates import (
    CHANNEL_FILES,
    TEMPLATES_DIR,
    JinjaTemplateRenderer,
)
from tests.support.outbox import TEST_TEMPLATES
from usecases.notifications.ports import DeliveryError

SOURCES = Path(__file__).resolve().parents[3] / "src"


def kinds(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.is_dir()) if directory.exists() else []


def variables_of(kind: Path) -> set[str]:
    env = Environment(autoescape=True)
    names: set[str] = set()
    for file in kind.iterdir():
        names |= meta.find_undeclared_variables(env.parse(file.read_text()))
    return names


ALL_KINDS = kinds(TEMPLATES_DIR) + kinds(TEST_TEMPLATES)


@pytest.mark.parametrize("kind", ALL_KINDS, ids=lambda p: p.name)
def test_every_template_renders_on_each_of_its_channels(kind: Path) -> None:
    renderer = JinjaTemplateRenderer(kind.parent)
    files = {f.name for f in kind.iterdir()}
    variables = {name: f"<{name}&value>" for name in variables_of(kind)}
    channels = [ch for ch, needed in CHANNEL_FILES.items() if set(needed) <= files]
    assert channels, f"{kind.name}: no complete channel ({sorted(files)})"
    if "email.txt" in files or "email.html" in files:
        assert "email" in channels, f"{kind.name}: email needs subject.txt, email.txt, email.html"
    for channel in channels:
        if channel == "email":
            rendered = renderer.email(kind.name, variables)
            assert all((rendered.subject, rendered.text, rendered.html))
            for name in variables_of(kind) & set(
                re.findall(r"{{\s*(\w+)", (kind / "email.html").read_text())
            ):
                assert f"&lt;{name}&amp;value&gt;" in rendered.html, "HTML is escaped"
        elif channel == "sms":
            text = renderer.sms(kind.name, variables)
            assert 0 < len(text) <= 320, "an SMS fits two segments"
        else:
            title, body = renderer.in_app(kind.name, variables)
            assert all((title, body))


def test_every_template_a_use_case_names_exists() -> None:
    named = set()
    for source in SOURCES.rglob("*.py"):
        named |= set(re.findall(r'template="([a-z_]+\.[a-z_.]+)"', source.read_text()))
    existing = {p.name for p in kinds(TEMPLATES_DIR)}
    assert named <= existing, f"templates missing: {sorted(named - existing)}"


def test_a_missing_variable_is_a_permanent_delivery_error() -> None:
    renderer = JinjaTemplateRenderer(TEST_TEMPLATES)
    with pytest.raises(DeliveryError) as caught:
        renderer.email("test.hello", {"name": "Asha"})
    assert caught.value.permanent
    assert "order" in caught.value.reason


def test_an_unknown_template_is_a_permanent_delivery_error() -> None:
    with pytest.raises(DeliveryError, match="no template") as caught:
        JinjaTemplateRenderer(TEST_TEMPLATES).sms("test.nothing", {})
    assert caught.value.permanent
