"""Writes on people and organisations. Every organisation change goes through here."""
