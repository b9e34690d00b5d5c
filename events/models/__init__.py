from .agency import Agency, AgencyArea, AgencyKind, AgencyMembership
from .community import Community, CommunityAdmin
from .event import Activity, Event, EventStatus
from .report import EventReport, EventStatusChange, ExportRecord
from .visit import VisitRequest, VisitStatus

__all__ = [
    "Activity",
    "Agency",
    "AgencyArea",
    "AgencyKind",
    "AgencyMembership",
    "Community",
    "CommunityAdmin",
    "Event",
    "EventReport",
    "EventStatus",
    "EventStatusChange",
    "ExportRecord",
    "VisitRequest",
    "VisitStatus",
]
