"""Tests of unipile_desktop.ui.conversation."""
