"""Kind G: party-finance inspection (kiểm tra tài chính đảng), domain.md §5(G)."""
