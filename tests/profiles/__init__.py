"""Tests of unipile_desktop.profiles."""
