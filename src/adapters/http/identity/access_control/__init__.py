"""HTTP of access control: role, permission and security-settings schemas, and the require_feature
route guard."""
