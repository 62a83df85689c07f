"""Widgets, item models, delegates and dialogs; no HTTP and no SQL here."""
