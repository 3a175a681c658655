"""Access control: the policy check, the per-user access snapshot, roles and permissions, platform
and feature grants, the feature guard, security settings."""
