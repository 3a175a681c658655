"""HTTP of risk: /security."""
