"""The private storage of job files: generated reports and exports, uploaded spreadsheets.

Job files are private: they are served only by views that check permissions on every request. They
live in their own named storage, never under MEDIA_URL. The alias is still "reports" (the first
jobs were reports), so that deployments that point settings.STORAGES["reports"] at object storage
keep working. The models' FileField gets a proxy that looks the storage up on every call, so that a
change of settings (tests, a deployment switching to object storage) takes effect without
re-importing models.
"""

from django.core.files.storage import Storage, storages

JOB_STORAGE_ALIAS = "reports"


def _backend() -> Storage:
    return storages[JOB_STORAGE_ALIAS]


class JobStorageProxy(Storage):
    """Delegates every storage primitive to storages[JOB_STORAGE_ALIAS]."""

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


_proxy = JobStorageProxy()


def job_storage() -> Storage:
    """Callable for FileField(storage=...): keeps the storage out of migrations."""
    return _proxy
