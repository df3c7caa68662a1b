"""One Flow per case kind, one file each."""
