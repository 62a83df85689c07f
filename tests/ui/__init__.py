"""Tests of unipile_desktop.ui."""
