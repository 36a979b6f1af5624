"""Helpers of the page tests: the POST data of the innovation form built from a row."""

from innovations.services.innovation import INNOVATION_FIELDS

FORM_FIELDS = INNOVATION_FIELDS

EMPTY_AWARDS = {
    "awards-TOTAL_FORMS": "1",
    "awards-INITIAL_FORMS": "0",
    "awards-MIN_NUM_FORMS": "0",
    "awards-MAX_NUM_FORMS": "1000",
}


def innovation_form_data(innovation=None, sdgs=(16,), **overrides) -> dict:
    """The fields a browser would post for `innovation` (or an empty create form), with overrides."""
    data = dict(EMPTY_AWARDS)
    if innovation is not None:
        for name in FORM_FIELDS:
            value = (
                getattr(innovation, f"{name}_id", None)
                if name in {"institution", "category", "province", "regency"}
                else getattr(innovation, name)
            )
            data[name] = "" if value is None else str(value)
        data["version"] = str(innovation.version)
    for number in sdgs:
        data[f"sdg_{number}"] = "on"
        data[f"sdg_{number}_relevance"] = "Relevan"
    data.update({k: ("" if v is None else str(v)) for k, v in overrides.items()})
    return data
