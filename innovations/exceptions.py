"""Exceptions shared by the services, the pages and the API."""


class VersionConflict(Exception):
    """The record changed since the client read it (optimistic locking on `version`)."""

    def __init__(self, current_version: int):
        super().__init__(f"The record is now at version {current_version}.")
        self.current_version = current_version
