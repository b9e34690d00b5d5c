from .community import Community
from .event import Activity, Event

__all__ = ["Activity", "Community", "Event"]
