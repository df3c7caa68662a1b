"""How work moves: one viewflow Flow per case kind, task inbox/queue/archive, case pages."""
