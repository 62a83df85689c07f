"""The LinkedIn part of the new-chat dialog: which API to send through, InMail, and the credits left."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QWidget,
)

from ...api import LINKEDIN_APIS, LinkedinApi
from ...core.new_chat import API_LABELS, CREDIT_LABELS, LinkedinInfo, Recipient
from ...texts import translate
from ..theme import colour_style, set_themed_style

WARNING_STYLE = colour_style("error_text")
NOTE_STYLE = colour_style("secondary_text")


def _names(recipients: Sequence[Recipient]) -> str:
    labels = [r.name.split()[0] if r.name else r.provider_id for r in recipients]
    if len(labels) <= 1:
        return "".join(labels)
    if len(labels) == 2:
        return translate("LinkedinSection", "{first} and {second}").format(first=labels[0], second=labels[1])
    more = translate("LinkedinSection", "{first}, {second} and %n more", n=len(labels) - 2)
    return more.format(first=labels[0], second=labels[1])


def _alternatives(others: Sequence[str], *, starts_sentence: bool) -> str:
    """How else to reach a non-connection: "turn on InMail, or send with Recruiter or Sales Navigator"."""
    if not others:
        if starts_sentence:
            return translate("LinkedinSection", "Turn on InMail")
        return translate("LinkedinSection", "turn on InMail")
    if len(others) == 1:
        apis = others[0]
    else:
        apis = translate("LinkedinSection", "{first} or {second}").format(first=others[0], second=others[1])
    if starts_sentence:
        return translate("LinkedinSection", "Turn on InMail, or send with {apis}").format(apis=apis)
    return translate("LinkedinSection", "turn on InMail, or send with {apis}").format(apis=apis)


class LinkedinSection(QGroupBox):
    """Radio buttons for Classic / Recruiter / Sales Navigator (only the account's products are enabled), the InMail
    switch (classic only: the other APIs reach non-connections with their own credits), and the credits left."""

    options_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(translate("LinkedinSection", "LinkedIn"), parent)
        self.setObjectName("linkedin_section")
        self._info: LinkedinInfo | None = None
        self._loading = False
        self._recipients: list[Recipient] = []
        self._api_chosen = False  # the agent (or a restored draft) picked the API: do not replace it by the default
        self._inmail_wanted = False  # remembered while another API is selected
        self._invitations_offered = False  # the dialog can send invitations instead of a message

        self.api_group = QButtonGroup(self)
        self.api_buttons: dict[LinkedinApi, QRadioButton] = {}
        api_row = QHBoxLayout()
        api_row.setContentsMargins(0, 0, 0, 0)
        api_row.setSpacing(14)
        for api in LINKEDIN_APIS:
            button = QRadioButton(API_LABELS[api], self)
            button.setObjectName(f"linkedin_api_{api}")
            self.api_group.addButton(button)
            self.api_buttons[api] = button
            api_row.addWidget(button)
            button.toggled.connect(self.on_api_button_toggled)
        api_row.addStretch(1)

        self.inmail_check = QCheckBox(
            translate("LinkedinSection", "Send as InMail (reaches people outside your network; uses a Premium credit)")
        )
        self.inmail_check.setObjectName("linkedin_inmail")
        self.inmail_check.toggled.connect(self.on_inmail_check_toggled)

        self.credits_label = QLabel(self)
        self.credits_label.setObjectName("linkedin_credits")
        self.credits_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("linkedin_warning")
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setWordWrap(True)
        set_themed_style(self.warning_label, WARNING_STYLE)
        self.warning_label.hide()

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setContentsMargins(10, 6, 10, 8)
        form.setVerticalSpacing(4)
        form.addRow(translate("LinkedinSection", "Send with:"), api_row)
        form.addRow("", self.inmail_check)
        form.addRow(translate("LinkedinSection", "Credits:"), self.credits_label)
        form.addRow(self.warning_label)
        self._select("classic")
        self._refresh()

    # ------------------------------------------------------------------------------------------ state

    def api(self) -> LinkedinApi:
        for api, button in self.api_buttons.items():
            if button.isChecked():
                return api
        return "classic"

    def inmail(self) -> bool:
        """True when the send carries ``linkedin[inmail]=true`` (classic only)."""
        return self.api() == "classic" and self.inmail_check.isChecked()

    @property
    def info(self) -> LinkedinInfo | None:
        return self._info

    def warning_text(self) -> str:
        return self.warning_label.text() if not self.warning_label.isHidden() else ""

    def set_info(self, info: LinkedinInfo | None, *, loading: bool) -> None:
        """The account's products and credits; ``loading`` while the live answer (/users/me) is still coming."""
        self._info = info
        self._loading = loading
        if info is not None:
            for api, button in self.api_buttons.items():
                button.setEnabled(info.has(api))
                button.setToolTip(
                    info.unavailable_reason(api)
                    or translate("LinkedinSection", "Send through LinkedIn {api}").format(api=API_LABELS[api])
                )
            if not self._api_chosen or not info.has(self.api()):
                self._select(info.default_api if info.has(info.default_api) else "classic")
        self._refresh()

    def set_choice(self, api: LinkedinApi | None, inmail: bool) -> None:
        """Restore a draft's choice (None: the account's default)."""
        self._api_chosen = api is not None
        self._inmail_wanted = inmail
        self._select(api or (self._info.default_api if self._info is not None else "classic"))
        self.inmail_check.blockSignals(True)
        self.inmail_check.setChecked(inmail)
        self.inmail_check.blockSignals(False)
        self._refresh()

    def reset(self) -> None:
        """A different LinkedIn account: its own default and products apply again."""
        self._api_chosen = False
        self._inmail_wanted = False
        self.inmail_check.blockSignals(True)
        self.inmail_check.setChecked(False)
        self.inmail_check.blockSignals(False)
        self._info = None
        for button in self.api_buttons.values():
            button.setEnabled(True)
        self._select("classic")
        self._refresh()

    def set_recipients(self, recipients: Sequence[Recipient]) -> None:
        self._recipients = list(recipients)
        self._refresh()

    def message_alternatives(self) -> str:
        """How to reach a non-connection with a message instead: "turn on InMail, or send with Recruiter"."""
        info = self._info
        others = [API_LABELS[a] for a in ("recruiter", "sales_navigator") if info is not None and info.has(a)]
        return _alternatives(others, starts_sentence=False)

    def set_invitations_offered(self, offered: bool) -> None:
        """The dialog can invite non-connections; the warning then points there rather than only at InMail."""
        if offered != self._invitations_offered:
            self._invitations_offered = offered
            self._refresh()

    def _select(self, api: LinkedinApi) -> None:
        button = self.api_buttons[api]
        button.blockSignals(True)
        button.setChecked(True)
        button.blockSignals(False)

    # ------------------------------------------------------------------------------------------ slots

    def on_api_button_toggled(self, checked: bool) -> None:
        if not checked:
            return
        self._api_chosen = True
        self._refresh()
        self.options_changed.emit()

    def on_inmail_check_toggled(self, checked: bool) -> None:
        if self.api() == "classic":
            self._inmail_wanted = checked
        self._refresh()
        self.options_changed.emit()

    # ------------------------------------------------------------------------------------------ text

    def _refresh(self) -> None:
        api = self.api()
        classic = api == "classic"
        self.inmail_check.blockSignals(True)
        self.inmail_check.setEnabled(classic)
        self.inmail_check.setChecked(self._inmail_wanted if classic else False)
        self.inmail_check.blockSignals(False)
        self.inmail_check.setToolTip(
            translate(
                "LinkedinSection",
                "InMail reaches people who are not your 1st-degree connections and uses a Premium InMail credit.",
            )
            if classic
            else translate(
                "LinkedinSection",
                "{api} reaches people outside your network with its own InMail credits, so there is no InMail switch.",
            ).format(api=API_LABELS[api])
        )
        info = self._info
        credits = info.credits(api) if info is not None else None
        label = CREDIT_LABELS[api]
        if credits is not None:
            if classic and not self.inmail():
                text = translate("LinkedinSection", "{label} InMail credits left: {credits} (only used for InMail)")
            else:
                text = translate("LinkedinSection", "{label} InMail credits left: {credits}")
            text = text.format(label=label, credits=QLocale().toString(credits))
        elif self._loading:
            text = translate("LinkedinSection", "Checking this account's LinkedIn products and credits…")
        else:
            text = translate("LinkedinSection", "{label} InMail credits: not known").format(label=label)
        self.credits_label.setText(text)
        set_themed_style(self.credits_label, NOTE_STYLE)
        warnings = self._warnings(api, credits)
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))

    def _warnings(self, api: LinkedinApi, credits: int | None) -> list[str]:
        info = self._info
        warnings: list[str] = []
        inmail = self.inmail()
        may_spend = api != "classic" or inmail
        if info is not None and inmail and not info.premium:
            warnings.append(
                translate(
                    "LinkedinSection",
                    "This account has no LinkedIn Premium, so LinkedIn will probably refuse the InMail.",
                )
            )
        if may_spend and credits == 0:
            warnings.append(
                translate(
                    "LinkedinSection",
                    "⚠ No {label} InMail credits left. LinkedIn will refuse messages to people outside "
                    "your network until the credits renew.",
                ).format(label=CREDIT_LABELS[api])
            )
        strangers = [r for r in self._recipients if r.is_connection is False]
        if api == "classic" and not inmail and strangers:
            others = [API_LABELS[a] for a in ("recruiter", "sales_navigator") if info is not None and info.has(a)]
            if len(strangers) == 1:
                sentence = translate("LinkedinSection", "{names} is not a 1st-degree connection. {alternatives}.")
            else:
                sentence = translate("LinkedinSection", "{names} are not 1st-degree connections. {alternatives}.")
            if not self._invitations_offered:  # else the invitation panel says it, without the alarm colour
                alternatives = _alternatives(others, starts_sentence=True)
                warnings.append(sentence.format(names=_names(strangers), alternatives=alternatives))
        if inmail and len(self._recipients) > 1:
            warnings.append(
                translate(
                    "LinkedinSection", "An InMail goes to one person. Remove the other recipients or turn off InMail."
                )
            )
        elif api != "classic" and len(self._recipients) > 1 and strangers:
            if len(strangers) == 1:
                sentence = translate(
                    "LinkedinSection",
                    "{names} is outside your network, so this would be an InMail, and an InMail goes to one person. "
                    "Write to them separately.",
                )
            else:
                sentence = translate(
                    "LinkedinSection",
                    "{names} are outside your network, so this would be an InMail, and an InMail goes to one person. "
                    "Write to them separately.",
                )
            warnings.append(sentence.format(names=_names(strangers)))
        if info is not None and not self._loading:
            warnings.extend(info.problems)
        return warnings
