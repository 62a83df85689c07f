"""Canned replies in the ui: the manager dialog, the composer's popup and the model they share."""

from .completion import CannedCompletion
from .dialog import CannedRepliesDialog
from .model import CannedReplyDelegate, CannedReplyModel
from .popup import CannedPopup

__all__ = ["CannedCompletion", "CannedPopup", "CannedRepliesDialog", "CannedReplyDelegate", "CannedReplyModel"]
