"""HTTP of administration: operator routes over users (/users) and the roles, branches and features
catalog."""
