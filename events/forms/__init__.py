from .event import EventForm, plain_text

__all__ = ["EventForm", "plain_text"]
