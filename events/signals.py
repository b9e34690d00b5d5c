"""Signals of the events app."""

from django.dispatch import Signal

# Rows of `sender` (Event or VisitRequest) changed through `QuerySet.update()`, which
# sends no post_save. Sent by those querysets.
rows_updated = Signal()
