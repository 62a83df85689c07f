"""Tests of unipile_desktop.app."""
