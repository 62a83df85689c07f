"""A shown conversation view on an empty model, with no network behind it: for tests of bubbles and their layout."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from unipile_desktop.core.images import ImageCache
from unipile_desktop.core.message_list import MessageListModel
from unipile_desktop.core.tasks import TaskRunner
from unipile_desktop.ui.conversation.view import MessageView


class NoClient:
    """Nothing is downloaded in these tests: the image cache never calls its client."""


def shown_message_view(qtbot: QtBot, width: int = 500, height: int = 400) -> MessageView:
    view = MessageView(ImageCache(NoClient(), TaskRunner()))  # type: ignore[arg-type]
    qtbot.addWidget(view)
    view.setModel(MessageListModel())
    view.resize(width, height)
    view.show()
    return view


def model_of(view: MessageView) -> MessageListModel:
    model = view.model()
    assert isinstance(model, MessageListModel)
    return model
