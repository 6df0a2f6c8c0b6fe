"""Earned badges: the store, reading and verifying Open Badges documents, and the badge dialogs."""
