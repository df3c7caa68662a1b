"""The tier at which a body acts, for time limits that differ by level (issue 9 point 6;
domain.md §5(C), §11b.7). Pure: no database access.

The tiers are those the sources name (grassroots, district, province, central) plus the
commune level created on 1 July 2025 (domain.md §2.1). Organisation levels are
configuration (people.OrgLevel); the shipped level codes map to tiers here:
- "province", "legacy-province": province;
- "commune" (commune, ward, special-zone committees): commune — its own tier, since no
  source says which limits it takes; the shipped rows give it the grassroots numbers,
  provisionally, and an administrator can change that without a code change;
- "district" (legacy): district;
- "grassroots" (legacy grassroots organisation): grassroots;
- "cell", "legacy-cell": grassroots — a cell acts at the grassroots tier (it is the base of
  the grassroots organisation, domain.md §2.1, and a grassroots cell is itself one).
No level code maps to "central": the app serves district and grassroots work; the central
rows are shipped for completeness. A level code not listed (one an administrator added)
maps to "" — the rule for every level applies.
"""

ORG_LEVEL_TIERS: dict[str, str] = {
    "province": "province",
    "legacy-province": "province",
    "commune": "commune",
    "district": "district",
    "grassroots": "grassroots",
    "cell": "grassroots",
    "legacy-cell": "grassroots",
}


def tier_of(level_code: str | None) -> str:
    """The acting tier of a body whose organisation has the level `level_code` ("": none)."""
    return ORG_LEVEL_TIERS.get(level_code or "", "")
