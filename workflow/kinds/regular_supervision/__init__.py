"""Kind C1: regular supervision (giám sát thường xuyên), domain.md §5(C): a continuous log, no flow."""
