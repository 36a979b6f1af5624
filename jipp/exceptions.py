"""Exceptions shared by the services, the pages and the API."""


class VersionConflict(Exception):
    """The record changed since the client read it (optimistic locking on `version`)."""

    def __init__(self, current_version: int):
        super().__init__(f"The record is now at version {current_version}.")
        self.current_version = current_version


class RowErrors(Exception):
    """A bulk service refused some of its rows, and wrote nothing.

    `errors` maps the index of each refused row (in the list the service was given) to what the
    single-row service would have raised for it: a ValidationError, PermissionDenied or DatabaseError.
    """

    def __init__(self, errors: dict[int, Exception]):
        super().__init__(f"{len(errors)} row(s) refused.")
        self.errors = errors
