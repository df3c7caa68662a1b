"""Kind C2: thematic supervision (giám sát chuyên đề), domain.md §5(C)."""
