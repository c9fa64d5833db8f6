"""Hostile and broken inputs run against every command: no traceback, hang or memory blow-up."""
