"""The cap table's PDFs (ReportLab): share certificates and transfer agreements, rendered in a
process pool behind the ``CertificateRenderer`` port.

The provider the captable wiring lists is ``renderer.certificate_renderer``. This package
imports nothing itself: a rendering process imports only the page modules (and ``worker``),
never the container, the settings or the database drivers the renderer module brings in."""
