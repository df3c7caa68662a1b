"""The chair's review of the team's report and of the conclusion, with their return loops."""
