"""The registry of report kinds and what a generator receives."""

from collections.abc import Callable
from dataclasses import dataclass

ProgressFn = Callable[[int], None]


class ReportError(Exception):
    """A failure the user can act on; `message` is shown to them as is (already translated)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def no_personal_data(params) -> bool:
    return False


@dataclass
class ReportSpec:
    kind: str
    prepare: Callable  # (user, params) -> (clean params, title); raises ReportError
    generate: Callable  # (job, path, progress) -> row count
    filename: Callable  # (job) -> file name without extension
    # (params) -> whether a file of these parameters may hold a story's personal data (a name,
    # a photo): such files are removed when a story is erased or a consent withdrawn.
    holds_personal_data: Callable = no_personal_data


REGISTRY: dict[str, ReportSpec] = {}


def register(spec: ReportSpec) -> ReportSpec:
    REGISTRY[spec.kind] = spec
    return spec


def get_spec(kind: str) -> ReportSpec:
    return REGISTRY[kind]


def int_param(params: dict, name: str):
    """An integer parameter or None (params come from JSON, forms and the API alike)."""
    value = params.get(name)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class ProgressTicker:
    """Turns "row i of n" into percentages between `start` and `end`, reporting each step once."""

    def __init__(self, progress: ProgressFn, total: int, start: int = 5, end: int = 95):
        self.progress, self.total, self.start, self.end = progress, max(total, 1), start, end
        self.last = -1

    def tick(self, done: int):
        pct = self.start + (self.end - self.start) * min(done, self.total) // self.total
        if pct != self.last:
            self.last = pct
            self.progress(pct)
