"""The portal's URL map plus two views that fail, to see handler500 answer (tests/jipp/test_error_pages.py)."""

from django.urls import path

from jipp.urls import handler400, handler403, handler404, handler500, urlpatterns  # noqa: F401


def _fail(request):
    raise RuntimeError("a deliberate failure")


urlpatterns = [path("fails/", _fail), path("api/v1-fails/", _fail), *urlpatterns]
