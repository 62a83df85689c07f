"""The message view on a long conversation: the model's window moves as the agent scrolls, and nothing jumps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.message_view_support import model_of, shown_message_view
from unipile_desktop.core.message_list import WINDOW_ROWS, WINDOW_STEP, MessageListModel, MessageRow, RowKind
from unipile_desktop.ui.conversation.view import MessageView

COUNT = 3 * WINDOW_ROWS


def rows(count: int, prefix: str = "m") -> list[MessageRow]:
    return [
        MessageRow(
            key=f"{prefix}{n}", kind=RowKind.MESSAGE, text=f"message {n}" + " word" * (n % 17), outgoing=n % 4 == 0
        )
        for n in range(count)
    ]


@pytest.fixture
def view(qtbot: QtBot) -> Iterator[MessageView]:
    yield shown_message_view(qtbot, 500)


def reading(view: MessageView) -> tuple[str, int]:
    index = view.reading_index()
    return str(index.data(MessageListModel.KeyRole)), view.visualRect(index).top()


def test_scrolling_up_shows_held_rows_without_asking_the_server_or_moving(view: MessageView, qtbot: QtBot) -> None:
    model = model_of(view)
    model.set_rows(rows(COUNT))
    assert model.rowCount() == WINDOW_ROWS and view.is_at_bottom()
    asked: list[None] = []
    view.top_reached.connect(lambda: asked.append(None))
    met: list[str] = []
    bar = view.verticalScrollBar()
    for _ in range(COUNT):
        view.executeDelayedItemsLayout()
        bar.setValue(bar.minimum() + 100)  # near the top of what the view holds, not into the margin yet
        key, top = reading(view)
        bar.setValue(bar.minimum())  # into the top margin: older rows the model holds come in above
        view.executeDelayedItemsLayout()
        index = model.index(model.find(key))
        assert view.visualRect(index).top() == top + 100  # where the scroll put it: the rows above did not push it
        met.append(str(model.index(0).data(MessageListModel.KeyRole)))
        qtbot.waitUntil(lambda: model.rowCount() <= WINDOW_ROWS + WINDOW_STEP)  # trimmed below, once idle
        if not model.can_show_older:
            break
    assert asked == []  # every row was in memory: no page asked of the server until the oldest
    assert model.window[0] == 0 and met[-1] == "m0"
    bar.setValue(bar.minimum())
    assert len(asked) == 1  # at the oldest row: now the page before


def test_a_message_far_below_shows_the_button_which_brings_the_newest(view: MessageView, qtbot: QtBot) -> None:
    model = model_of(view)
    model.set_rows(rows(COUNT))
    bar = view.verticalScrollBar()
    while model.can_show_older:
        bar.setValue(bar.minimum())
        qtbot.waitUntil(lambda: model.rowCount() <= WINDOW_ROWS + WINDOW_STEP)
    assert model.can_show_newer and not view.is_at_bottom()
    key, top = reading(view)
    live = MessageRow(key="live", kind=RowKind.MESSAGE, text="a question")
    model.set_rows([*model.rows(), live])
    assert view.new_messages_button.isVisible()
    assert reading(view) == (key, top)
    view.new_messages_button.click()
    qtbot.waitUntil(view.is_at_bottom)
    assert model.row_at(model.rowCount() - 1) is not None
    assert model.index(model.rowCount() - 1).data(MessageListModel.KeyRole) == "live"
    assert not view.new_messages_button.isVisible()
