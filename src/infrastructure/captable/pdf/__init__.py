"""The cap table's PDFs (ReportLab): share certificates and transfer agreements, rendered in a
process pool behind the ``CertificateRenderer`` port.

``certificate_renderer(settings, container)`` is the provider the captable wiring lists."""

from infrastructure.captable.pdf.renderer import PooledCertificateRenderer, certificate_renderer

__all__ = ["PooledCertificateRenderer", "certificate_renderer"]
