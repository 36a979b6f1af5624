"""Shared infrastructure of the REST API: errors, pagination, field selection, conditional requests, throttles."""
