"""Kind A: planned inspection (kiểm tra chấp hành theo chương trình), domain.md §5(A)."""
