"""Analyst review: corrections that stick, as an overlay on the machine's ledger.

- :mod:`newsledger.review.corrections`: recording a correction (confirm, reject, edit, merge, split),
  keyed by the article's text and the evidence span, with optimistic concurrency;
- :mod:`newsledger.review.overlay`: replaying the corrections onto the current rows, after every
  ingest and every correction; orphans are listed, never dropped;
- :mod:`newsledger.review.gold`: the reviewed facts as precision figures and as gold data.

Queries, exports, the web app and the report read the corrected ledger; ``--raw`` reads the
machine's.
"""

from newsledger.review.corrections import (
    ACTIONS,
    EDITABLE,
    KINDS,
    Evidence,
    ReviewError,
    StaleEdit,
    event_reports,
    evidence_of,
    history,
    orphans,
    record,
    version_of,
)
from newsledger.review.overlay import reapply, rebuild

__all__ = [
    "ACTIONS",
    "EDITABLE",
    "KINDS",
    "Evidence",
    "ReviewError",
    "StaleEdit",
    "event_reports",
    "evidence_of",
    "history",
    "orphans",
    "reapply",
    "rebuild",
    "record",
    "version_of",
]
