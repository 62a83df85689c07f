"""The New chat dialog (POST /chats): recipients from the account's contacts, LinkedIn options, first message."""

from .dialog import NewChatDialog

__all__ = ["NewChatDialog"]
