"""Kind D: denunciation resolution (giải quyết tố cáo), domain.md §5(D)."""
