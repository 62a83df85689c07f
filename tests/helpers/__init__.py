"""Shared test helpers: fakes (keyring, clock, user folders), Qt loop helpers and builders of the app parts."""
