"""Qt-free behaviour over the api and the store: the outbox, sync and their backoff, downloads, safe file names."""
