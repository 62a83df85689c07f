"""Tests of unipile_desktop.api."""
