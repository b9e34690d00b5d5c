from .agency import Agency, AgencyArea, AgencyKind, AgencyMembership
from .community import Community, CommunityAdmin
from .event import Activity, Event, EventStatus
from .report import EventReport, EventStatusChange, ExportRecord
from .summary import AgencyYear, CommunityYear, SummaryState
from .visit import VisitRequest, VisitStatus

__all__ = [
    "Activity",
    "Agency",
    "AgencyArea",
    "AgencyKind",
    "AgencyMembership",
    "AgencyYear",
    "Community",
    "CommunityAdmin",
    "CommunityYear",
    "Event",
    "EventReport",
    "EventStatus",
    "EventStatusChange",
    "ExportRecord",
    "SummaryState",
    "VisitRequest",
    "VisitStatus",
]
