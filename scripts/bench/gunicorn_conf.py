"""gunicorn settings of the benchmark (and a sensible production start): `gunicorn -c this_file jipp.wsgi`.

The app is loaded once in the master before forking (preload_app), and jipp/wsgi.py calls
gc.freeze() after loading it: the workers share the start-up objects copy-on-write and the garbage
collector never rescans them, which removes the collector pauses behind a long p99 tail.
"""

import os

workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
worker_class = "sync"
preload_app = True
timeout = 60
keepalive = 5
accesslog = None
errorlog = "-"
loglevel = "warning"
