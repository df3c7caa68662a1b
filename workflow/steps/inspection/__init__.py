"""The inspection steps the planned inspection (A) and the three-phase inspections (B, G, H) share."""
