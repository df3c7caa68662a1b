"""Kind B: inspection upon signs of violation (kiểm tra khi có dấu hiệu vi phạm), domain.md §5(B)."""
