"""Tests of unipile_desktop.selftest."""
