"""Kind F: complaint against party discipline (giải quyết khiếu nại kỷ luật đảng), domain.md §5(F)."""
