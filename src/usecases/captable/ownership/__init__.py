"""What a cap table shows: the summary, the shareholder list, holdings, securities, lineage
and certificates."""
