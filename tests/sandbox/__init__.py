"""Tests of unipile_desktop.sandbox."""
