"""The cap table's PDFs (ReportLab): share certificates and transfer agreements, rendered in a
process pool behind the ``CertificateRenderer`` port.

The provider the captable wiring lists is ``renderer.certificate_renderer`` (also reachable as
``infrastructure.captable.pdf.certificate_renderer``). The package imports the renderer only
when one of those names is asked for, so a rendering process, which imports the page modules,
never loads the container and the drivers the renderer module brings in."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from infrastructure.captable.pdf.renderer import (
        PooledCertificateRenderer,
        certificate_renderer,
    )

__all__ = ["PooledCertificateRenderer", "certificate_renderer"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from infrastructure.captable.pdf import renderer

        return getattr(renderer, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
