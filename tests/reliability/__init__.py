"""Reliability: the soak through faults, closes and kills, and drafts surviving a kill."""
