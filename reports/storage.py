"""The storage of generated reports.

Reports are private: they are served only by the download view, which checks permissions on every
request. They live in their own named storage (settings.STORAGES["reports"]), never under MEDIA_URL.
The model's FileField gets a proxy that looks the storage up on every call, so that a change of
settings (tests, a deployment switching to object storage) takes effect without re-importing models.
"""

from django.core.files.storage import Storage, storages

REPORTS_STORAGE_ALIAS = "reports"


def _backend() -> Storage:
    return storages[REPORTS_STORAGE_ALIAS]


class ReportsStorageProxy(Storage):
    """Delegates every storage primitive to storages["reports"]."""

    def _open(self, name, mode="rb"):
        return _backend()._open(name, mode)

    def _save(self, name, content):
        return _backend()._save(name, content)

    def get_available_name(self, name, max_length=None):
        return _backend().get_available_name(name, max_length=max_length)

    def delete(self, name):
        return _backend().delete(name)

    def exists(self, name):
        return _backend().exists(name)

    def listdir(self, path):
        return _backend().listdir(path)

    def size(self, name):
        return _backend().size(name)

    def url(self, name):
        return _backend().url(name)

    def path(self, name):
        return _backend().path(name)

    def get_modified_time(self, name):
        return _backend().get_modified_time(name)


_proxy = ReportsStorageProxy()


def reports_storage() -> Storage:
    """Callable for FileField(storage=...): keeps the storage out of migrations."""
    return _proxy
