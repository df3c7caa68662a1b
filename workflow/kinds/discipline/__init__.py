"""Kind E: discipline (xem xét, thi hành kỷ luật), domain.md §5(E), §6."""
