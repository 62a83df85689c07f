"""Tests of the Qt controllers in unipile_desktop.core."""
