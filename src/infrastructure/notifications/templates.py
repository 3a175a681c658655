"""Message templates: one directory per message kind, rendered with Jinja2.

``templates/<kind>/`` holds ``subject.txt`` (email subject and in-app title), ``email.txt``,
``email.html``, ``sms.txt`` and ``in_app.txt`` — the files for the channels it is sent on.
Undefined variables fail (StrictUndefined); HTML is autoescaped."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from jinja2 import (
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    select_autoescape,
)

from usecases.notifications.ports import DeliveryError, RenderedEmail

TEMPLATES_DIR = Path(__file__).parent / "templates"
CHANNEL_FILES = {
    "email": ("subject.txt", "email.txt", "email.html"),
    "sms": ("sms.txt",),
    "in_app": ("subject.txt", "in_app.txt"),
}


class JinjaTemplateRenderer:
    """Looks a template up in ``directories`` in order, so a custom set can override some
    kinds and fall back to the shipped ones for the rest."""

    def __init__(self, *directories: Path) -> None:
        self.directories = directories or (TEMPLATES_DIR,)
        self._env = Environment(
            loader=FileSystemLoader(self.directories),
            undefined=StrictUndefined,
            autoescape=select_autoescape(enabled_extensions=("html",), default=False),
            keep_trailing_newline=False,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def kinds(self) -> list[str]:
        return sorted({p.name for d in self.directories for p in d.iterdir() if p.is_dir()})

    def _render(self, kind: str, name: str, variables: Mapping[str, str]) -> str:
        try:
            return self._env.get_template(f"{kind}/{name}").render(**variables).strip()
        except TemplateNotFound:
            raise DeliveryError(f"no template {kind}/{name}", permanent=True) from None
        except TemplateError as exc:
            raise DeliveryError(f"template {kind}/{name}: {exc}", permanent=True) from None

    def email(self, template: str, variables: Mapping[str, str]) -> RenderedEmail:
        subject = self._render(template, "subject.txt", variables)
        if "\n" in subject:
            raise DeliveryError(f"template {template}: subject spans lines", permanent=True)
        return RenderedEmail(
            subject=subject,
            text=self._render(template, "email.txt", variables),
            html=self._render(template, "email.html", variables),
        )

    def sms(self, template: str, variables: Mapping[str, str]) -> str:
        return self._render(template, "sms.txt", variables)

    def in_app(self, template: str, variables: Mapping[str, str]) -> tuple[str, str]:
        return (
            self._render(template, "subject.txt", variables),
            self._render(template, "in_app.txt", variables),
        )
