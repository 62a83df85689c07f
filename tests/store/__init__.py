"""Tests of unipile_desktop.store."""
