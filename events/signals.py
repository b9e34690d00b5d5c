"""Signals of the events app."""

from django.dispatch import Signal

# Rows of `sender` (Event or VisitRequest) changed through `QuerySet.update()`, which
# sends no post_save. Sent by those querysets.
rows_updated = Signal()


class SignalsUpdates:
    """Mixed into a QuerySet: `update()` sends `rows_updated` when rows changed."""

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            rows_updated.send(sender=self.model)
        return rows
