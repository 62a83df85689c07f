"""The recipients field: chips for the chosen people and a search box whose popup lists the account's known people."""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from typing import Any, cast

from PySide6.QtCore import (
    QAbstractListModel,
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QWidget,
)

from ...api import ChatAttendee
from ...core.images import ImageCache
from ...core.new_chat import DISTANCE_LABELS, Recipient
from ...engine.switcher import fold_for_search
from ...texts import QT_TRANSLATE_NOOP, translate
from ..avatars import paint_avatar
from ..format import plain_tip
from ..row_paint import paint_row_background, row_colours
from ..theme import Theme, set_themed_style
from .flow_layout import FlowLayout

ModelIndex = QModelIndex | QPersistentModelIndex

SEARCH_PLACEHOLDER = QT_TRANSLATE_NOOP("RecipientField", "Type a name, or paste a provider id")
POPUP_ROWS = 7
ROW_HEIGHT = 46
POPUP_AVATAR = 32
CHIP_AVATAR = 20
PENDING_LABEL = QT_TRANSLATE_NOOP("RecipientField", "Invitation pending")

PendingCheck = Callable[[str], bool]  # provider id -> a LinkedIn invitation to them is pending


class AttendeeRole(enum.IntEnum):
    ATTENDEE = Qt.ItemDataRole.UserRole + 1
    PROVIDER_ID = Qt.ItemDataRole.UserRole + 2
    ATTENDEE_ID = Qt.ItemDataRole.UserRole + 3
    DETAIL = Qt.ItemDataRole.UserRole + 4  # second line: headline, network distance or handle
    SEARCH_KEY = Qt.ItemDataRole.UserRole + 5  # folded name for matching


fold = fold_for_search  # lower case without accents, so "zoe" finds "Zoë" and "muller" finds "Müller"


def handle_of(provider_id: str) -> str:
    """A readable handle: ``33612345678@s.whatsapp.net`` -> ``+33612345678``; other ids unchanged."""
    if provider_id.endswith("@s.whatsapp.net"):
        number = provider_id.split("@", 1)[0]
        return f"+{number}" if number.isdigit() else number
    return provider_id


def attendee_detail(attendee: ChatAttendee) -> str:
    parts = [DISTANCE_LABELS.get(attendee.network_distance or "", "")] if attendee.network_distance else []
    if attendee.headline:
        parts.append(attendee.headline)
    if not parts:
        parts.append(handle_of(attendee.provider_id))
    return " · ".join(p for p in parts if p)


def looks_like_provider_id(text: str) -> bool:
    """A single token (no spaces) long enough to be an id: ``ACoAA…``, ``336…@s.whatsapp.net``, a numeric id."""
    token = text.strip()
    return len(token) >= 3 and not any(ch.isspace() for ch in token)


class AttendeeListModel(QAbstractListModel):
    """The known people of one account (one row each), in name order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ChatAttendee] = []
        self._keys: list[str] = []
        self._pending: frozenset[str] = frozenset()  # provider ids with an invitation pending

    def set_attendees(self, attendees: Sequence[ChatAttendee]) -> None:
        self.beginResetModel()
        self._rows = list(attendees)
        self._keys = [fold(a.name or a.provider_id) for a in self._rows]
        self.endResetModel()

    def attendees(self) -> list[ChatAttendee]:
        return list(self._rows)

    def set_pending(self, provider_ids: frozenset[str]) -> None:
        """Who has a LinkedIn invitation pending: their second line says so."""
        if provider_ids == self._pending:
            return
        self._pending = provider_ids
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))

    def detail(self, attendee: ChatAttendee) -> str:
        detail = attendee_detail(attendee)
        pending = translate("RecipientField", PENDING_LABEL)
        return f"{pending} · {detail}" if attendee.provider_id in self._pending else detail

    def by_provider_id(self, provider_id: str) -> ChatAttendee | None:
        return next((a for a in self._rows if a.provider_id == provider_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.column() != 0 or not 0 <= index.row() < len(self._rows):
            return None
        attendee = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return attendee.name or handle_of(attendee.provider_id)
        if role == Qt.ItemDataRole.ToolTipRole:  # names and headlines come from the network
            return plain_tip(f"{attendee.name or attendee.provider_id}\n{self.detail(attendee)}")
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{attendee.name}, {self.detail(attendee)}"
        if role == AttendeeRole.ATTENDEE:
            return attendee
        if role == AttendeeRole.PROVIDER_ID:
            return attendee.provider_id
        if role == AttendeeRole.ATTENDEE_ID:
            return attendee.id
        if role == AttendeeRole.DETAIL:
            return self.detail(attendee)
        if role == AttendeeRole.SEARCH_KEY:
            return self._keys[index.row()]
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        for role in AttendeeRole:
            names[int(role)] = QByteArray(role.name.lower().encode())
        return names


class AttendeeFilterProxy(QSortFilterProxyModel):
    """Rows whose name holds every typed word (accents and case ignored), best matches first; chosen ones hidden."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        self._words: list[str] = []
        self._excluded: frozenset[str] = frozenset()
        self.setDynamicSortFilter(False)

    @property
    def query(self) -> str:
        return self._query

    def set_query(self, text: str) -> None:
        self._query = fold(text.strip())
        self._words = self._query.split()
        self._refresh()

    def set_excluded(self, provider_ids: Sequence[str]) -> None:
        self._excluded = frozenset(provider_ids)
        self._refresh()

    def _refresh(self) -> None:
        self.invalidate()
        self.sort(0)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if index.data(AttendeeRole.PROVIDER_ID) in self._excluded:
            return False
        if not self._words:
            return True
        key = str(index.data(AttendeeRole.SEARCH_KEY) or "")
        if all(word in key for word in self._words):
            return True
        provider_id = fold(str(index.data(AttendeeRole.PROVIDER_ID) or ""))
        return len(self._query) >= 3 and provider_id.startswith(self._query)

    def _rank(self, index: ModelIndex) -> tuple[int, str]:
        key = str(index.data(AttendeeRole.SEARCH_KEY) or "")
        if not self._query:
            return 0, key
        if key.startswith(self._query):
            return 0, key
        if any(word.startswith(self._words[0]) for word in key.split()) if self._words else False:
            return 1, key
        return 2, key

    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:
        return self._rank(left) < self._rank(right)


class AttendeeDelegate(QStyledItemDelegate):
    """A popup row: avatar (picture or initials), name, and a muted second line (distance, headline or handle)."""

    def __init__(self, images: ImageCache, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._images = images

    def sizeHint(self, option: QStyleOptionViewItem, index: ModelIndex) -> QSize:
        return QSize(max(200, option.rect.width()), ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        attendee = index.data(AttendeeRole.ATTENDEE)
        if not isinstance(attendee, ChatAttendee):
            super().paint(painter, option, index)
            return
        painter.save()
        paint_row_background(self, painter, option, index)
        rect: QRect = option.rect
        text_colour, muted = row_colours(option)
        avatar = QRect(rect.left() + 8, rect.top() + (rect.height() - POPUP_AVATAR) // 2, POPUP_AVATAR, POPUP_AVATAR)
        paint_avatar(painter, avatar, self._images.avatar(attendee.id), attendee.name or None, attendee.id)
        left = avatar.right() + 10
        width = max(0, rect.right() - 8 - left)
        name_font = QFont(option.font)
        name_font.setBold(True)
        name_metrics = QFontMetrics(name_font)
        detail_font = QFont(option.font)
        detail_font.setPointSizeF(option.font.pointSizeF() * 0.9)
        detail_metrics = QFontMetrics(detail_font)
        top = rect.top() + (rect.height() - name_metrics.height() - detail_metrics.height() - 2) // 2
        painter.setFont(name_font)
        painter.setPen(text_colour)
        name = attendee.name or handle_of(attendee.provider_id)
        painter.drawText(  # drawText never interprets markup: names from the network stay plain text
            QRect(left, top, width, name_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            name_metrics.elidedText(name, Qt.TextElideMode.ElideRight, width),
        )
        painter.setFont(detail_font)
        painter.setPen(muted)
        painter.drawText(
            QRect(left, top + name_metrics.height() + 2, width, detail_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            detail_metrics.elidedText(str(index.data(AttendeeRole.DETAIL) or ""), Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


def avatar_pixmap(images: ImageCache, recipient: Recipient, side: int, device_ratio: float) -> QPixmap:
    pixmap = QPixmap(int(side * device_ratio), int(side * device_ratio))
    pixmap.setDevicePixelRatio(device_ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    image = images.avatar(recipient.attendee_id) if recipient.attendee_id else None
    name = recipient.name or None if not recipient.is_pasted else "#"
    paint_avatar(painter, QRect(0, 0, side, side), image, name, recipient.attendee_id or recipient.provider_id)
    painter.end()
    return pixmap


class RecipientChip(QFrame):
    """One recipient: avatar, name (or the pasted id) and a × that removes it."""

    remove_requested = Signal(str)  # provider id

    def __init__(self, recipient: Recipient, images: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recipient = recipient
        self._images = images
        self.setObjectName("recipient_chip")
        pasted = recipient.is_pasted

        def style(t: Theme) -> str:
            border = f"1px dashed {t.css(t.chip_pasted_border)}" if pasted else f"1px solid {t.css(t.chip_border)}"
            return (
                f"#recipient_chip {{ background: {t.css(t.chip_background)}; border: {border}; border-radius: 12px; }}"
                "#recipient_chip QLabel { background: transparent; }"
            )

        set_themed_style(self, style)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 2, 2, 2)
        layout.setSpacing(5)
        self.avatar = QLabel(self)
        self.avatar.setFixedSize(CHIP_AVATAR, CHIP_AVATAR)
        layout.addWidget(self.avatar)
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        text = recipient.label if len(recipient.label) <= 32 else recipient.label[:31] + "…"
        self.label.setText(text)
        layout.addWidget(self.label)
        self.pending_label = QLabel(translate("RecipientField", PENDING_LABEL), self)
        self.pending_label.setObjectName("recipient_chip_pending")
        self.pending_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, and greyer when disabled
        small = QFont(self.pending_label.font())
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.pending_label.setFont(small)
        self.pending_label.hide()
        layout.addWidget(self.pending_label)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        remove = translate("RecipientField", "Remove {name}").format(name=recipient.label)
        self.remove_button.setToolTip(plain_tip(remove))
        self.remove_button.setAccessibleName(remove)
        self.remove_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.remove_button.clicked.connect(self.on_remove_button_clicked)
        layout.addWidget(self.remove_button)
        lines = [recipient.name] if recipient.name else []
        if pasted:
            lines.append(
                translate(
                    "RecipientField", "Provider id {provider_id}, sent as-is (not among this account's contacts)."
                ).format(provider_id=recipient.provider_id)
            )
        else:
            lines.append(handle_of(recipient.provider_id))
        if recipient.network_distance:
            lines.append(DISTANCE_LABELS.get(recipient.network_distance, recipient.network_distance))
        self._tip_lines = lines
        self.setToolTip(plain_tip("\n".join(lines)))
        self.refresh_avatar()

    @property
    def pending(self) -> bool:
        return not self.pending_label.isHidden()

    def set_pending(self, pending: bool) -> None:
        """Say "Invitation pending" on the chip (a LinkedIn invitation to this person awaits their answer)."""
        if pending == self.pending:
            return
        self.pending_label.setVisible(pending)
        lines = (
            [*self._tip_lines, translate("RecipientField", "An invitation to connect is pending.")]
            if pending
            else self._tip_lines
        )
        self.setToolTip(plain_tip("\n".join(lines)))
        self.adjustSize()

    def refresh_avatar(self) -> None:
        self.avatar.setPixmap(avatar_pixmap(self._images, self.recipient, CHIP_AVATAR, self.devicePixelRatioF()))

    def on_remove_button_clicked(self) -> None:
        self.remove_requested.emit(self.recipient.provider_id)


class SearchEdit(QLineEdit):
    """The search box: Backspace in an empty box removes the last chip; Down opens the full list."""

    backspace_on_empty = Signal()
    browse_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace and not self.text() and not self.hasSelectedText():
            self.backspace_on_empty.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.browse_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class RecipientField(QFrame):
    """Looks like one input: chips followed by the search box; the popup (a QCompleter) lists matching people.

    ``recipients_changed`` fires on every add and remove; ``hint_changed`` carries the sentence under the field
    (loading, no match, "Enter adds this id as-is").
    """

    recipients_changed = Signal()
    hint_changed = Signal(str)

    def __init__(self, images: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recipient_field")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        set_themed_style(
            self,
            lambda t: (
                "#recipient_field { background: palette(base);"
                f" border: 1px solid {t.css(t.input_border)}; border-radius: 4px; }}"
            ),
        )
        self._images = images
        self._recipients: list[Recipient] = []
        self._chips: list[RecipientChip] = []
        self._loading = False
        self._load_error = ""
        self._hint = ""
        self._pending_check: PendingCheck | None = None

        self.model = AttendeeListModel(self)
        self.proxy = AttendeeFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search_edit = SearchEdit(self)
        self.search_edit.setObjectName("recipient_search")
        self.search_edit.setFrame(False)
        self.search_edit.setPlaceholderText(translate("RecipientField", SEARCH_PLACEHOLDER))
        self.search_edit.setAccessibleName(translate("RecipientField", "Add a recipient"))
        self.search_edit.setMinimumWidth(180)
        self.search_edit.setStyleSheet("background: transparent;")
        self.setFocusProxy(self.search_edit)

        self.popup = QListView()
        self.popup.setObjectName("recipient_popup")
        self.popup.setUniformItemSizes(True)
        self.popup.setAccessibleName(translate("RecipientField", "Matching people"))
        self.completer = QCompleter(self)
        self.completer.setModel(self.proxy)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(POPUP_ROWS)
        self.completer.setPopup(self.popup)  # the completer owns the popup from here on
        self.popup_delegate = AttendeeDelegate(images, self.popup)
        self.popup.setItemDelegate(self.popup_delegate)  # after setPopup, which installs its own delegate
        # setWidget, not QLineEdit.setCompleter: the box must not be filled with the chosen name.
        self.completer.setWidget(self.search_edit)
        # The QModelIndex overload of activated (the stubs do not describe overloaded signals).
        cast(Any, self.completer.activated)[QModelIndex].connect(self.on_completer_activated)

        self.flow = FlowLayout(self, spacing=4, stretch_last=True)
        self.flow.setContentsMargins(4, 3, 4, 3)
        self.flow.addWidget(self.search_edit)

        self.search_edit.textEdited.connect(self.on_search_edit_text_edited)
        self.search_edit.returnPressed.connect(self.on_search_edit_return_pressed)
        self.search_edit.backspace_on_empty.connect(self.on_search_edit_backspace_on_empty)
        self.search_edit.browse_requested.connect(self.on_search_edit_browse_requested)
        images.image_loaded.connect(self.on_images_image_loaded)

    # ------------------------------------------------------------------------------------------ state

    @property
    def hint(self) -> str:
        return self._hint

    def recipients(self) -> list[Recipient]:
        return list(self._recipients)

    def chips(self) -> list[RecipientChip]:
        return list(self._chips)

    def set_pending_check(self, check: PendingCheck | None) -> None:
        """How to tell who has a LinkedIn invitation pending (None: nobody, e.g. off LinkedIn)."""
        self._pending_check = check
        self.refresh_pending()

    def is_pending(self, recipient: Recipient) -> bool:
        # The check knows about invitations sent or withdrawn since the person was picked; the flag is a snapshot.
        if self._pending_check is not None:
            return self._pending_check(recipient.provider_id)
        return recipient.pending_invitation

    def refresh_pending(self) -> None:
        """Ask again who is pending (an invitation was sent or withdrawn): chips and popup rows follow."""
        check = self._pending_check
        pending = frozenset(
            a.provider_id
            for a in self.model.attendees()
            if (check(a.provider_id) if check is not None else a.pending_invitation)
        )
        self.model.set_pending(pending)
        for chip in self._chips:
            chip.set_pending(self.is_pending(chip.recipient))
        self.updateGeometry()

    def set_attendees(self, attendees: Sequence[ChatAttendee] | None, *, loading: bool, error: str = "") -> None:
        """The account's known people (None while they load); refreshes the open popup."""
        self._loading = loading
        self._load_error = error
        self.model.set_attendees(attendees or [])
        self.refresh_pending()
        self.proxy.set_excluded([r.provider_id for r in self._recipients])
        if self.search_edit.text().strip():
            self._show_matches(self.search_edit.text())
        self._update_hint()

    def set_recipients(self, recipients: Sequence[Recipient]) -> None:
        for chip in self._chips:
            chip.hide()
            chip.deleteLater()
        self._chips = []
        self._recipients = []
        for recipient in recipients:
            self._add_chip(recipient)
        self._after_change()

    def add_recipient(self, recipient: Recipient) -> bool:
        if any(r.provider_id == recipient.provider_id for r in self._recipients):
            return False
        self._add_chip(recipient)
        self._after_change()
        return True

    def remove_recipient(self, provider_id: str) -> None:
        for chip in list(self._chips):
            if chip.recipient.provider_id == provider_id:
                self._chips.remove(chip)
                chip.hide()
                chip.deleteLater()
        self._recipients = [r for r in self._recipients if r.provider_id != provider_id]
        self._after_change()

    def _add_chip(self, recipient: Recipient) -> None:
        self._recipients.append(recipient)
        chip = RecipientChip(recipient, self._images, self)
        chip.set_pending(self.is_pending(recipient))
        chip.remove_requested.connect(self.remove_recipient)
        self.flow.insert_widget(len(self._chips), chip)
        chip.show()
        self._chips.append(chip)

    def _after_change(self) -> None:
        self.proxy.set_excluded([r.provider_id for r in self._recipients])
        self.search_edit.setPlaceholderText(
            translate("RecipientField", "Add another…")
            if self._recipients
            else translate("RecipientField", SEARCH_PLACEHOLDER)
        )
        self.updateGeometry()
        self._update_hint()
        self.recipients_changed.emit()

    # ------------------------------------------------------------------------------------------ search

    def popup_is_visible(self) -> bool:
        return self.popup.isVisible()

    def _show_matches(self, text: str) -> None:
        self.proxy.set_query(text)
        if self.proxy.rowCount() == 0 or not (text.strip() or self.search_edit.hasFocus() or self.popup.isVisible()):
            self.popup.hide()
            return
        # The popup spans the whole field, not just the search box after the chips.
        origin = self.search_edit.mapFrom(self, QPoint(0, 0))
        below = self.search_edit.height() + (self.height() - self.search_edit.geometry().bottom() - 1)
        self.completer.complete(QRect(origin.x(), 0, self.width(), below))
        completion = self.completer.completionModel()
        self.popup.setCurrentIndex(completion.index(0, 0))  # Enter picks the best match, as people expect

    def on_search_edit_text_edited(self, text: str) -> None:
        if text.strip():
            self._show_matches(text)
        else:
            self.proxy.set_query("")
            self.popup.hide()
        self._update_hint()

    def on_search_edit_browse_requested(self) -> None:
        self.proxy.set_query(self.search_edit.text())
        if self.proxy.rowCount():
            self.completer.complete()
            self.popup.setCurrentIndex(self.completer.completionModel().index(0, 0))

    def on_completer_activated(self, index: QModelIndex) -> None:
        attendee = index.data(AttendeeRole.ATTENDEE)
        if isinstance(attendee, ChatAttendee):
            self.choose(attendee)

    def choose(self, attendee: ChatAttendee) -> None:
        """Add a known person (as a click in the popup does) and empty the search box."""
        self.popup.hide()
        self.search_edit.clear()
        self.proxy.set_query("")
        self.add_recipient(Recipient.from_attendee(attendee))
        self.search_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_search_edit_return_pressed(self) -> None:
        text = self.search_edit.text().strip()
        if not text:
            return
        known = self.model.by_provider_id(text)
        if known is not None:
            self.choose(known)
            return
        self.proxy.set_query(text)
        if self.proxy.rowCount() > 0:
            attendee = self.proxy.index(0, 0).data(AttendeeRole.ATTENDEE)
            if isinstance(attendee, ChatAttendee):
                self.choose(attendee)
                return
        if looks_like_provider_id(text):
            self.search_edit.clear()
            self.proxy.set_query("")
            self.add_recipient(Recipient(provider_id=text))
            self._set_hint(
                translate(
                    "RecipientField", "“{text}” was added as a provider id, as-is: the server checks it when you send."
                ).format(text=text)
            )

    def on_search_edit_backspace_on_empty(self) -> None:
        if self._recipients:
            self.remove_recipient(self._recipients[-1].provider_id)

    def _update_hint(self) -> None:
        text = self.search_edit.text().strip()
        if self._load_error:
            hint = translate("RecipientField", "{error} You can still paste a provider id.").format(
                error=self._load_error
            )
        elif text and self.proxy.rowCount() == 0:
            if looks_like_provider_id(text):
                hint = translate(
                    "RecipientField", "No contact matches. Press Enter to add “{text}” as a provider id (sent as-is)."
                ).format(text=text)
            else:
                hint = translate(
                    "RecipientField", "No contact matches “{text}”. Paste the person's provider id instead."
                ).format(text=text)
        elif self._loading:
            hint = translate("RecipientField", "Loading this account's contacts…")
        else:
            hint = ""
        self._set_hint(hint)

    def _set_hint(self, hint: str) -> None:
        if hint != self._hint:
            self._hint = hint
            self.hint_changed.emit(hint)

    # ------------------------------------------------------------------------------------------ misc

    def on_images_image_loaded(self, key: str) -> None:
        if not key.startswith("avatar:"):
            return
        attendee_id = key.removeprefix("avatar:")
        for chip in self._chips:
            if chip.recipient.attendee_id == attendee_id:
                chip.refresh_avatar()
        if self.popup.isVisible():
            self.popup.viewport().update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().event(event)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self.flow.heightForWidth(width)

    def sizeHint(self) -> QSize:
        width = max(300, self.width())
        return QSize(width, self.flow.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.search_edit.sizeHint().height() + 6)
