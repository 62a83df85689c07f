"""Tests of unipile_desktop.engine.notify."""
