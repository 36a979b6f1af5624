"""A per-process circuit breaker for the services the pages can live without (the cache, the broker).

When Redis is unreachable rather than refusing connections (a host down, a firewall dropping packets),
every attempt waits for its connect timeout. A page makes a dozen cache calls; without a breaker it
would wait a dozen timeouts. After one failure the breaker *opens*: for `cooldown` seconds callers are
told at once that the service is down, then one attempt is let through to see if it is back.

The breaker also remembers that an outage happened, so that the first caller after the recovery can
repair what the outage broke (jipp.cache moves the content generation: writes made meanwhile could not).
"""

import logging
import threading
import time

logger = logging.getLogger(__name__)


class CircuitBreaker:
    def __init__(self, name: str, cooldown: float = 5.0):
        self.name = name
        self.cooldown = cooldown
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._down = False
        self._recovered = False

    def allow(self) -> bool:
        """True when a call may go to the service (closed, or the cool-down is over)."""
        return time.monotonic() >= self._open_until

    @property
    def is_down(self) -> bool:
        """The last call failed (and none has succeeded since)."""
        return self._down

    def failure(self, exc: BaseException | None = None) -> None:
        with self._lock:
            if not self._down:
                # Once per outage: a log line per failed call would flood the log while it lasts.
                logger.warning("%s unreachable, working without it: %s", self.name, exc)
            self._down = True
            self._open_until = time.monotonic() + self.cooldown

    def success(self) -> None:
        if not self._down:  # the common case, without taking the lock
            return
        with self._lock:
            if self._down:
                logger.warning("%s reachable again", self.name)
                self._down = False
                self._recovered = True
                self._open_until = 0.0

    def take_recovery(self) -> bool:
        """True once after each recovery from an outage (for the caller that repairs its effects)."""
        if not self._recovered:
            return False
        with self._lock:
            recovered, self._recovered = self._recovered, False
            return recovered

    def reset(self) -> None:
        """Forget every failure (tests)."""
        with self._lock:
            self._open_until, self._down, self._recovered = 0.0, False, False


# One per service, shared by every thread of the process.
cache_breaker = CircuitBreaker("Cache (Redis)")
broker_breaker = CircuitBreaker("Celery broker")
