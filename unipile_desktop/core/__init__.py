"""Qt controllers between the widgets and the Qt-free core: loading, sending, background tasks."""
