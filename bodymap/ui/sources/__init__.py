"""Likely sources: the ranked candidate cards beside the map."""
