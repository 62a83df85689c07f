"""Wires the customer's card to the window: the panel beside the conversation (toggled by the header's button and
Ctrl+I, remembered in the window settings), the open chat's people, label chips and the "label:" filter in the chat
list, and the chats the card offers to open. Built by the workbench; nothing here talks to the network itself."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject

from ..api import Chat, UnipileClient
from ..core.card import CardController, chat_person_key
from ..core.tasks import TaskRunner
from ..store import Store
from ..texts import translate
from ..ui.card.panel import CustomerCardPanel
from ..ui.main_window import DEFAULT_SPLIT, SETTING_SPLITTER, MainWindow, settings_bool

log = logging.getLogger(__name__)

SETTING_CARD_VISIBLE = "window/customer_card"
SETTING_CARD_WIDTH = "window/customer_card_width"
DEFAULT_CARD_WIDTH = 300


class CustomerCard(QObject):
    def __init__(
        self,
        *,
        store: Store,
        window: MainWindow,
        client: UnipileClient,
        tasks: TaskRunner,
        open_chat: Callable[[str], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self._sized = False
        self._open_chat = open_chat
        self.controller = CardController(client, tasks, store, accounts=lambda: window.accounts.accounts, parent=self)
        self.panel = CustomerCardPanel(self.controller, window.images)
        window.splitter.addWidget(self.panel)
        window.splitter.setStretchFactor(2, 0)

        action = window.customer_card_action
        action.setEnabled(True)
        header = window.conversation_pane.header
        header.card_button.setDefaultAction(action)
        header.card_button.setVisible(True)
        # Hidden until the agent first asks for it (then remembered): a window sized for two panes keeps them.
        visible = settings_bool(window.settings, SETTING_CARD_VISIBLE, False)
        action.setChecked(visible)
        self._apply_visible(visible)
        action.toggled.connect(self.on_action_toggled)
        window.splitter.splitterMoved.connect(self.on_splitter_moved)
        window.splitter.installEventFilter(self)

        conversation = window.conversation
        conversation.chat_opened.connect(self.on_conversation_changed)
        conversation.attendees_changed.connect(self.on_conversation_changed)
        self.controller.chat_chosen.connect(self.on_controller_chat_chosen)
        self.controller.labels_changed.connect(self.on_controller_labels_changed)
        window.chat_model.labels_of = self.controller.labels_for_chat
        window.chat_model.refresh_labels()
        self.on_conversation_changed()

    # ------------------------------------------------------------------------------------------ showing

    @property
    def visible(self) -> bool:
        return self.window.customer_card_action.isChecked()

    def set_visible(self, visible: bool) -> None:
        self.window.customer_card_action.setChecked(visible)

    def on_action_toggled(self, visible: bool) -> None:
        self._apply_visible(visible)
        self.window.settings.setValue(SETTING_CARD_VISIBLE, visible)

    def _card_width(self) -> int:
        try:
            width = int(str(self.window.settings.value(SETTING_CARD_WIDTH, DEFAULT_CARD_WIDTH)))
        except ValueError:
            width = DEFAULT_CARD_WIDTH
        return max(self.panel.minimumWidth(), min(width, 600))

    def on_splitter_moved(self, *_: object) -> None:
        sizes = self.window.splitter.sizes()
        if self.panel.isVisibleTo(self.window) and len(sizes) == 3 and sizes[2] > 0:
            self.window.settings.setValue(SETTING_CARD_WIDTH, sizes[2])

    def _apply_visible(self, visible: bool) -> None:
        """Show or hide the panel; shown, it takes its remembered width from the conversation, never from the list."""
        splitter = self.window.splitter
        sizes = splitter.sizes()
        self.panel.setVisible(visible)
        self.controller.set_active(visible)
        if visible and len(sizes) == 3:
            width = self._card_width()
            left, middle = sizes[0], sizes[1] + sizes[2]
            if not splitter.isVisible():  # sized again when first shown (before, the splitter has no real width)
                return
            splitter.setSizes([left, max(self.window.conversation_pane.minimumWidth(), middle - width), width])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window.splitter and event.type() == QEvent.Type.Show and not self._sized:
            # The first time the window shows: the chat list keeps the width it was given, the card takes its
            # remembered width from the conversation.
            self._sized = True
            splitter = self.window.splitter
            sizes = splitter.sizes()
            if self.visible and len(sizes) == 3:
                saved = self.window.settings.value(SETTING_SPLITTER) is not None
                left = sizes[0] if saved else DEFAULT_SPLIT[0]
                width = self._card_width()
                middle = max(self.window.conversation_pane.minimumWidth(), sum(sizes) - left - width)
                splitter.setSizes([left, middle, width])
        return False

    def on_conversation_changed(self, *_: object) -> None:
        conversation = self.window.conversation
        self.controller.show_chat(conversation.chat, conversation.attendees)

    def on_controller_chat_chosen(self, chat_id: str) -> None:
        if not self._open_chat(chat_id):
            sentence = translate("CustomerCard", "That chat is no longer on this computer.")
            self.window.statusBar().showMessage(sentence, 4000)

    def on_controller_labels_changed(self, key: str) -> None:
        model = self.window.chat_model
        chat_ids = []
        for row in range(model.rowCount()):
            entry = model.entry(row)
            if entry is not None and chat_person_key(entry.chat) == key:
                chat_ids.append(entry.id)
        model.refresh_labels(chat_ids)

    def labels_for_chat(self, chat: Chat) -> tuple[str, ...]:
        return self.controller.labels_for_chat(chat)
