"""The matcher: one owner per instrument partition takes what arrived in the last few
milliseconds and journals it in ONE transaction (group commit), then acknowledges each
request. See docs/trading.md, "The matcher"."""
