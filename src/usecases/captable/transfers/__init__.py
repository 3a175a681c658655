"""The share-transfer workflow's use cases: one module a step (draft, submit, the right of
first refusal, approval, rejection, withdrawal, completion), the lists, the agreement PDF and
the worker's sweep of windows and stale transfers."""
