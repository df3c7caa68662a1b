"""Who: users, party members, organisations, committees, positions and kinship.

Knows nothing of cases (import-linter forbids importing inspections or workflow).
"""
