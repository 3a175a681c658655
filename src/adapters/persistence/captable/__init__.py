"""Cap table persistence: issuers, classes, stakeholders, the append-only events and their
projections (securities, holdings, class totals), written in one transaction."""
