"""KYC's public port: the gate other contexts ask, the bank accounts KYC verified, and the
step statistics of the audit reports. The consumers are named in pyproject.toml."""
