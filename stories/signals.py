"""Signals the innovations app sends for apps above it (reports, exports) to react to.

A lower app never imports a higher one: the reports app connects to these in its AppConfig.ready().
"""

from django.dispatch import Signal

# Sent after the transaction commits when a story's personal data may no longer be shown as before:
# the beneficiary asked for erasure (reason "erased") or withdrew a consent to publish their name or
# photo (reason "consent_withdrawn"). Keyword arguments: story_id, hub_id, reason. Receivers remove
# every stored copy (generated reports, exports, import files) that may hold what was withdrawn.
story_personal_data_withdrawn = Signal()

ERASED = "erased"
CONSENT_WITHDRAWN = "consent_withdrawn"
