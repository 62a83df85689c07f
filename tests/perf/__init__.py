"""The benchmark: start-up, scrolling, sending and filtering figures printed as JSON lines."""
