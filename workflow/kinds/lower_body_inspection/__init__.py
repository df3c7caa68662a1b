"""Kind H: inspection of a lower body's inspection, supervision and discipline work, domain.md §5(H)."""
