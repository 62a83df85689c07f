"""What a screen reader says of a chat row, in one go: "Zoë Müller, WhatsApp, 2 unread, waiting 12 min: Hallo!…"."""

from __future__ import annotations

from ..texts import translate
from .format import one_line

SPOKEN_TITLE_CHARS = 120  # a name is read, not a 10 MB string: the row shows less than this
SPOKEN_PREVIEW_CHARS = 200  # of the last message (or the draft), as much as a person listens to in a list


def chat_row_text(
    title: str,
    provider: str,
    *,
    unread: int = 0,
    inmail: bool = False,
    status: str = "",
    preview: str = "",
    labels: tuple[str, ...] = (),
) -> str:
    """The row's name, provider, unread count, queue state ("waiting 12 min", "Done", "Snoozed until 9:00"), then
    after a colon the preview, each bounded; parts with nothing to say are left out."""
    parts = [one_line(title, SPOKEN_TITLE_CHARS) or translate("SpokenRow", "Chat"), provider]
    if inmail:
        parts.append(translate("SpokenRow", "InMail"))
    if unread > 0:
        parts.append(translate("SpokenRow", "%n unread", None, unread))
    if status:
        parts.append(status)
    if labels:  # the agent's own labels, read like the chips show them
        parts.append(translate("SpokenRow", "labels {labels}").format(labels=", ".join(labels)))
    spoken = ", ".join(part for part in parts if part)
    text = one_line(preview, SPOKEN_PREVIEW_CHARS)
    return translate("SpokenRow", "{row}: {preview}").format(row=spoken, preview=text) if text else spoken
