"""Test doubles shared across the suite (in-memory keyring, …)."""
