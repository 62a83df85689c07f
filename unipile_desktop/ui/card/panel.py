"""The customer's card: a panel beside the conversation showing who the person is, their other conversations, the
agent's private notes and labels. Everything from the network is plain text; the profile link opens only through
the app's checked link handler."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDateTime, QLocale, QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...api import UserProfile
from ...api.profiles_model import whatsapp_phone
from ...core.card import CardController, CardPerson, profile_age_text
from ...core.images import ImageCache
from ...texts import QT_TRANSLATE_NOOP, translate
from ..avatars import paint_avatar
from ..conversation.header import ElidedLabel
from ..format import one_line, plain_tip, relative_time
from ..links import open_link
from ..resources import provider_name
from ..theme import colour_style, set_themed_style
from .notes import NotesSection

AVATAR = 64
ChatIdRole = Qt.ItemDataRole.UserRole + 1
PersonKeyRole = Qt.ItemDataRole.UserRole + 2
DISTANCES = {
    "FIRST_DEGREE": QT_TRANSLATE_NOOP("CustomerCard", "1st-degree connection"),
    "SECOND_DEGREE": QT_TRANSLATE_NOOP("CustomerCard", "2nd-degree connection"),
    "THIRD_DEGREE": QT_TRANSLATE_NOOP("CustomerCard", "3rd-degree connection"),
    "OUT_OF_NETWORK": QT_TRANSLATE_NOOP("CustomerCard", "Out of network"),
}


def _label(parent: QWidget, name: str, *, secondary: bool = False, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)  # network text: never rich text
    label.setWordWrap(wrap)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # never widens the panel
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if secondary:
        set_themed_style(label, colour_style("secondary_text"))
    return label


def _heading(parent: QWidget, text: str) -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def distance_text(distance: str | None) -> str:
    return translate("CustomerCard", DISTANCES[distance]) if distance in DISTANCES else ""


def _connect_one_click(view: QListView, handler: Callable[[QModelIndex], None]) -> None:
    """One click opens (as the issue asks), Enter too; where the platform already activates on a single click,
    ``clicked`` is left out so one click does not open twice."""
    view.activated.connect(handler)
    if not view.style().styleHint(QStyle.StyleHint.SH_ItemView_ActivateItemOnSingleClick, None, view):
        view.clicked.connect(handler)


class CustomerCardPanel(QFrame):
    """Shows the controller's person (or a group's members); every action is a controller call."""

    chat_chosen = Signal(str)

    def __init__(self, controller: CardController, images: ImageCache, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("customer_card")
        self.setAccessibleName(translate("CustomerCard", "Customer card"))
        self.setMinimumWidth(240)
        set_themed_style(self, lambda t: f"#customer_card {{ border-left: 1px solid {t.css(t.border)}; }}")
        self.controller = controller
        self.images = images

        inner = QWidget()
        inner.setObjectName("customer_card_inner")
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(6)

        self.placeholder = _label(inner, "card_placeholder", secondary=True)
        self.placeholder.setText(translate("CustomerCard", "Open a conversation to see who it is with."))
        layout.addWidget(self.placeholder)

        # A group's members.
        self.members_heading = _heading(inner, translate("CustomerCard", "Members"))
        self.members_model = QStandardItemModel(self)
        self.members_view = QListView(inner)
        self.members_view.setObjectName("card_members")
        self.members_view.setAccessibleName(translate("CustomerCard", "Members of the group"))
        self.members_view.setModel(self.members_model)
        self.members_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.members_view.setMaximumHeight(180)
        _connect_one_click(self.members_view, self._on_member_activated)
        self.back_button = QToolButton(inner)
        self.back_button.setObjectName("card_back")
        self.back_button.setText(translate("CustomerCard", "← All members"))
        self.back_button.clicked.connect(lambda: controller.select(None))
        layout.addWidget(self.members_heading)
        layout.addWidget(self.members_view)
        layout.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignLeft)

        # The person.
        self.person_box = QWidget(inner)
        person = QVBoxLayout(self.person_box)
        person.setContentsMargins(0, 0, 0, 0)
        person.setSpacing(4)
        top = QHBoxLayout()
        self.avatar_label = QLabel(self.person_box)
        self.avatar_label.setObjectName("card_avatar")
        self.avatar_label.setFixedSize(AVATAR, AVATAR)
        names = QVBoxLayout()
        names.setSpacing(2)
        self.name_label = _label(self.person_box, "card_name")
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.name_label.setFont(font)
        self.provider_label = _label(self.person_box, "card_provider", secondary=True)
        self.handle_label = ElidedLabel(self.person_box)  # a long id shortens with "…"; the tooltip has it whole
        self.handle_label.setObjectName("card_provider_id")
        self.handle_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_themed_style(self.handle_label, colour_style("secondary_text"))
        names.addWidget(self.name_label)
        names.addWidget(self.provider_label)
        names.addWidget(self.handle_label)
        top.addWidget(self.avatar_label, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(names, 1)
        person.addLayout(top)
        self.headline_label = _label(self.person_box, "card_headline")
        self.location_label = _label(self.person_box, "card_location", secondary=True)
        self.distance_label = _label(self.person_box, "card_distance", secondary=True)
        self.invitation_label = _label(self.person_box, "card_invitation")
        self.details_label = _label(self.person_box, "card_details", secondary=True)
        for label in (
            self.headline_label,
            self.location_label,
            self.distance_label,
            self.invitation_label,
            self.details_label,
        ):
            person.addWidget(label)
        self.profile_link = QPushButton(translate("CustomerCard", "Open public profile"), self.person_box)
        self.profile_link.setObjectName("card_profile_link")
        self.profile_link.setFlat(True)
        self.profile_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.profile_link.clicked.connect(self.open_profile_link)
        person.addWidget(self.profile_link, 0, Qt.AlignmentFlag.AlignLeft)
        age_row = QHBoxLayout()
        self.age_label = _label(self.person_box, "card_age", secondary=True, wrap=False)
        self.refresh_button = QToolButton(self.person_box)
        self.refresh_button.setObjectName("card_refresh")
        self.refresh_button.setText(translate("CustomerCard", "Refresh"))
        self.refresh_button.setToolTip(translate("CustomerCard", "Ask for this person's profile again now"))
        self.refresh_button.clicked.connect(controller.refresh)
        age_row.addWidget(self.age_label, 1)
        age_row.addWidget(self.refresh_button)
        person.addLayout(age_row)
        self.note_label = _label(self.person_box, "card_quiet_note", secondary=True)  # why no profile: quietly
        person.addWidget(self.note_label)

        # Labels.
        person.addWidget(_heading(self.person_box, translate("CustomerCard", "Labels")))
        self.chips = QWidget(self.person_box)
        self.chips.setObjectName("card_labels")
        self.chips_layout = QHBoxLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips_layout.setSpacing(4)
        person.addWidget(self.chips)
        self.label_edit = QLineEdit(self.person_box)
        self.label_edit.setObjectName("card_label_edit")
        self.label_edit.setPlaceholderText(translate("CustomerCard", "Add a label (VIP, refund…) and press Enter"))
        self.label_edit.setAccessibleName(translate("CustomerCard", "Add a label"))
        self.label_edit.returnPressed.connect(self._on_label_entered)
        person.addWidget(self.label_edit)

        # Other conversations.
        person.addWidget(_heading(self.person_box, translate("CustomerCard", "Other conversations")))
        self.chats_model = QStandardItemModel(self)
        self.chats_view = QListView(self.person_box)
        self.chats_view.setObjectName("card_other_chats")
        self.chats_view.setAccessibleName(translate("CustomerCard", "Other conversations with this person"))
        self.chats_view.setModel(self.chats_model)
        self.chats_view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.chats_view.setMaximumHeight(130)
        _connect_one_click(self.chats_view, self._on_chat_activated)
        self.chats_status = _label(self.person_box, "card_other_chats_status", secondary=True)
        person.addWidget(self.chats_view)
        person.addWidget(self.chats_status)

        # Private notes.
        self.notes = NotesSection(controller, self.person_box)
        person.addWidget(self.notes)
        layout.addWidget(self.person_box)
        layout.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setObjectName("customer_card_scroll")
        scroll.setAccessibleName(translate("CustomerCard", "Customer card"))
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # text wraps or elides instead
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        self._age_timer = QTimer(self)
        self._age_timer.setInterval(60_000)
        self._age_timer.timeout.connect(self._show_age)
        self._age_timer.start()
        controller.people_changed.connect(self.on_controller_people_changed)
        controller.profile_changed.connect(self.on_controller_profile_changed)
        controller.other_chats_changed.connect(self.on_controller_other_chats_changed)
        controller.labels_changed.connect(self.on_controller_labels_changed)
        images.image_loaded.connect(self.on_images_image_loaded)
        self.on_controller_people_changed()

    # ------------------------------------------------------------------------------------------ showing

    @property
    def person(self) -> CardPerson | None:
        return self.controller.current

    def on_controller_people_changed(self) -> None:
        controller = self.controller
        chat = controller.chat
        current = controller.current
        group = chat is not None and chat.is_group
        self.placeholder.setVisible(chat is None or (not group and current is None))
        if chat is not None and not group and current is None:
            self.placeholder.setText(translate("CustomerCard", "Loading who this conversation is with…"))
        elif chat is None:
            self.placeholder.setText(translate("CustomerCard", "Open a conversation to see who it is with."))
        self.members_model.clear()
        for member in controller.people if group else []:
            item = QStandardItem(one_line(member.name or member.provider_id))
            item.setData(member.key, PersonKeyRole)
            item.setToolTip(plain_tip(one_line(member.provider_id)))  # from the network: never rich text
            self.members_model.appendRow(item)
        self.members_heading.setText(
            translate("CustomerCard", "%n member(s)", n=len(controller.people)) if group else ""
        )
        self.members_heading.setVisible(group and current is None)
        self.members_view.setVisible(group and current is None)
        self.back_button.setVisible(group and current is not None)
        self.person_box.setVisible(current is not None)
        if current is not None:
            self._show_person()
            self.notes.set_person(current.key)
            self._show_labels()
            self._show_other_chats()

    def on_controller_profile_changed(self, key: str) -> None:
        if self.person is not None and self.person.key == key:
            self._show_person()

    def on_controller_other_chats_changed(self, key: str) -> None:
        if self.person is not None and self.person.key == key:
            self._show_other_chats()

    def on_controller_labels_changed(self, key: str) -> None:
        if self.person is not None and self.person.key == key:
            self._show_labels()

    def on_images_image_loaded(self, key: str) -> None:
        person = self.person
        if person is not None and person.attendee_id and key == ImageCache.avatar_key(person.attendee_id):
            self._show_avatar(person)

    def _show_person(self) -> None:
        person = self.person
        if person is None:
            return
        state = self.controller.profile_state(person.key)
        profile: UserProfile | None = state.profile
        name = (profile.name if profile is not None else None) or person.name or person.provider_id
        self.name_label.setText(one_line(name))
        self.provider_label.setText(provider_name(person.provider))
        self.handle_label.set_full_text(self._handle(person, profile))
        linkedin = person.provider == "LINKEDIN"
        headline = (profile.headline if profile is not None else None) or person.headline
        location = profile.location if profile is not None else None
        distance = (profile.network_distance if profile is not None else None) or person.network_distance
        pending = (profile.pending_invitation if profile is not None else False) or person.pending_invitation
        self._set(self.headline_label, headline if linkedin else None)
        self._set(self.location_label, location)
        self._set(self.distance_label, distance_text(distance) if linkedin else None)
        self._set(
            self.invitation_label,
            translate("CustomerCard", "Invitation sent, waiting for an answer") if linkedin and pending else None,
        )
        details: list[str] = []
        if profile is not None and not linkedin:
            if profile.username:
                details.append(translate("CustomerCard", "Username: {name}").format(name=profile.username))
            if profile.phone and profile.phone not in self.handle_label.full_text():
                details.append(translate("CustomerCard", "Phone: {phone}").format(phone=profile.phone))
            if profile.biography:
                details.append(profile.biography)
        self._set(self.details_label, "\n".join(details))
        self.profile_link.setVisible(bool(self._profile_url()))
        self.profile_link.setToolTip(plain_tip(one_line(self._profile_url() or "")))
        self._show_age()
        self._set(self.note_label, state.note)
        self._show_avatar(person)

    def _show_age(self) -> None:
        person = self.person
        if person is None:
            return
        state = self.controller.profile_state(person.key)
        if state.loading and state.fetched_at is None:
            text = translate("CustomerCard", "Loading the profile…")
        elif state.fetched_at is not None:
            text = profile_age_text(state.fetched_at, self.controller.now())
            if state.loading:
                text = translate("CustomerCard", "{age}, refreshing…").format(age=text)
        else:
            text = ""
        self.age_label.setText(text)
        self.age_label.setToolTip(
            QLocale().toString(QDateTime.fromSecsSinceEpoch(int(state.fetched_at)), QLocale.FormatType.ShortFormat)
            if state.fetched_at is not None
            else ""
        )

    @staticmethod
    def _handle(person: CardPerson, profile: UserProfile | None) -> str:
        """The provider id as a person reads it: a phone number, @username, the LinkedIn public id."""
        if person.provider == "WHATSAPP":
            return (
                (profile.phone if profile is not None else None)
                or whatsapp_phone(person.provider_id)
                or (person.provider_id)
            )
        if person.provider == "LINKEDIN" and profile is not None and profile.public_identifier:
            return f"{profile.public_identifier} · {person.provider_id}"
        if person.provider in ("TELEGRAM", "INSTAGRAM") and profile is not None and profile.username:
            return f"@{profile.username} · {person.provider_id}"
        return person.provider_id

    def _profile_url(self) -> str | None:
        person = self.person
        if person is None:
            return None
        profile = self.controller.profile_state(person.key).profile
        return (profile.public_profile_url if profile is not None else None) or person.profile_url

    def open_profile_link(self) -> bool:
        url = self._profile_url()
        return bool(url) and open_link(url or "", self)

    def _show_avatar(self, person: CardPerson) -> None:
        image: QImage | None = self.images.avatar(person.attendee_id) if person.attendee_id else None
        side = round(AVATAR * self.devicePixelRatio())
        pixmap = QPixmap(side, side)
        pixmap.setDevicePixelRatio(self.devicePixelRatio())
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        paint_avatar(painter, QRect(0, 0, AVATAR, AVATAR), image, self.name_label.text() or None, person.attendee_id)
        painter.end()
        self.avatar_label.setPixmap(pixmap)

    @staticmethod
    def _set(label: QLabel, text: str | None) -> None:
        label.setText(text or "")
        label.setVisible(bool(text))

    # ------------------------------------------------------------------------------------------ labels

    def _show_labels(self) -> None:
        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        person = self.person
        labels = self.controller.labels(person.key) if person is not None else ()
        for label in labels:
            chip = QToolButton(self.chips)
            chip.setObjectName("card_label_chip")
            chip.setText(f"{label.replace('&', '&&')}  ×")  # an "&" in a label is text, not a mnemonic
            chip.setToolTip(translate("CustomerCard", "Remove the label “{label}”").format(label=label))
            chip.setAccessibleName(translate("CustomerCard", "Label {label}, press to remove").format(label=label))
            set_themed_style(
                chip,
                lambda t: (
                    f"QToolButton {{ color: {t.css(t.label_text)}; background: {t.css(t.label_background)};"
                    " border: none; border-radius: 8px; padding: 1px 7px; }"
                ),
            )
            chip.clicked.connect(lambda _=False, name=label: self._remove_label(name))
            self.chips_layout.addWidget(chip)
        self.chips_layout.addStretch(1)
        self.chips.setVisible(bool(labels))

    def _on_label_entered(self) -> None:
        person = self.person
        text = self.label_edit.text()
        if person is not None and text.strip():
            self.controller.add_label(person.key, text)
        self.label_edit.clear()

    def _remove_label(self, label: str) -> None:
        if self.person is not None:
            self.controller.remove_label(self.person.key, label)

    # ------------------------------------------------------------------------------------------ other chats

    def _show_other_chats(self) -> None:
        person = self.person
        self.chats_model.clear()
        if person is None:
            return
        others = self.controller.other_chats(person.key)
        for other in others:
            when = relative_time(other.chat.timestamp) if other.chat.timestamp is not None else ""
            text = one_line(other.title)
            if other.chat.is_group:
                text = translate("CustomerCard", "{title} (group)").format(title=text)
            item = QStandardItem(f"{text} · {provider_name(other.chat.account_type)}" + (f" · {when}" if when else ""))
            item.setData(other.chat.id, ChatIdRole)
            self.chats_model.appendRow(item)
        self.chats_view.setVisible(bool(others))
        if others:
            status = ""
        elif self.controller.other_chats_loading(person.key):
            status = translate("CustomerCard", "Looking for other conversations…")
        else:
            status = translate("CustomerCard", "No other conversation with this person.")
        self._set(self.chats_status, status)

    def _on_chat_activated(self, index: QModelIndex) -> None:
        chat_id = index.data(ChatIdRole)
        if isinstance(chat_id, str):
            self.controller.choose_chat(chat_id)

    def _on_member_activated(self, index: QModelIndex) -> None:
        key = index.data(PersonKeyRole)
        if isinstance(key, str):
            self.controller.select(key)
