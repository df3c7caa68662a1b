"""The preparation, execution and conclusion steps the three-phase inspections (B, G, H) share."""
