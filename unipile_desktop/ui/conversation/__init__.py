"""The conversation side of the main window: header, painted message view and composer."""

from .composer import Composer
from .pane import ConversationPane
from .view import MessageView

__all__ = ["Composer", "ConversationPane", "MessageView"]
