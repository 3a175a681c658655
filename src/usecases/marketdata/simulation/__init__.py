"""The market simulator's run: agents trading every instrument through trading's order entry."""
