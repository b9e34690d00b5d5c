from .agency import Agency, AgencyArea, AgencyKind, AgencyMembership
from .community import Community
from .event import Activity, Event, EventStatus
from .visit import VisitRequest, VisitStatus

__all__ = [
    "Activity",
    "Agency",
    "AgencyArea",
    "AgencyKind",
    "AgencyMembership",
    "Community",
    "Event",
    "EventStatus",
    "VisitRequest",
    "VisitStatus",
]
