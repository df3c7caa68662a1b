"""Reads with rules: scoping by access, case pages, gateway conditions."""
