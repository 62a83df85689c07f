"""Composition root: the start-up sequence, one session per connection, and the profile flows."""
