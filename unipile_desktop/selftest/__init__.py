"""--smoke-test and --screenshot: drive the real widgets like a person would; nothing in the app imports this."""
