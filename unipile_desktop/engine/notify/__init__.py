"""Desktop notifications without Qt: the text a notification shows and the service that shows it."""

from .service import Notifier, NotifierBackend, Probe, RecordingBackend, SentNotification, SystemBackend
from .text import clean_text, escape_markup, notification_text, snooze_ended_text

__all__ = [
    "Notifier",
    "NotifierBackend",
    "Probe",
    "RecordingBackend",
    "SentNotification",
    "SystemBackend",
    "clean_text",
    "escape_markup",
    "notification_text",
    "snooze_ended_text",
]
