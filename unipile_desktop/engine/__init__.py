"""Qt-free behaviour over the api and the store: the outbox, sync, downloads and safe file names."""
