"""The hostile world (`--seed hostile`, `UNIPILE_DEMO_SEED=hostile`): what an attacker or a broken server sends.

Every record keeps the real API's shapes, so a client's parsers get exactly the hostile content; only the five
misbehaving chats' messages route answers something else (see ../hostile.py). Chats by landmark name (their ids:
`GET /_sandbox/landmarks` → `chats`, or `SandboxServer.landmarks["chats"]`), with the ids they have under seed 1:

WhatsApp "Acme <b>Support</b> <script>…</script>":
- ``html`` (KmyRbmRmwGl7sKQoGxG5je): a group named with script and HTML; people named with ``<img onerror>`` and
  ``<a href=javascript:…>``; texts of HTML, script, style, entities and markdown links to ``javascript:``; a file
  named ``<img src=x onerror=alert(1)>.pdf`` whose attachment ``url`` is ``javascript:``.
- ``bidi`` (9DDS0dGXdXvciKew6-iWE7): a person whose name holds a right-to-left override (RLO); texts with
  ``https://evil.example/\\u202efdp.exe`` and an RLO that runs on; a file ``invoice\\u202egnp.exe``.
- ``zero_width`` (APwcBwVsoAnYwolP8YsRda): zero-width spaces, joiners, word joiners and a BOM in the name, a link
  (``https://pay\\u200bpal.example/login``) and a message of nothing but invisible characters.
- ``file_names`` (jWi8vlbt69QVpBHR9W1w9T): attachments named with 200 Chinese characters, CON, CON.txt, CONIN$,
  CONOUT$, aux.pdf, ``../../etc/passwd``, ``..\\..\\Windows\\System32\\evil.dll``, trailing dots and spaces, and types
  that run code (.desktop, .sh, .exe, .bat, .ps1, .js, .jar, .docm, .xlsm…).

Telegram "Acme \\u202eHelp":
- ``huge_message`` (1HgIgJKUePn7OcEhQsKqQn): its last message is 10 MB of ordinary words.
- ``long_word`` (uljQNiv0rLv90KqLG0dKPl): its last message is one 100,000-character word.
- ``urls`` (6DoJlrJunK6hmVAP-qOjQI): ``file:``, ``javascript:``, ``data:`` and ``vbscript:`` URLs in texts, in the
  person's ``picture_url`` and ``profile_url``, and in attachment ``url``s.

LinkedIn "Eve <img src=x onerror=alert(1)>" (its owner profile's ``profile_picture_url`` is ``javascript:``; people's
occupations hold HTML), each chat a group of one person with one ordinary message and a messages route that
misbehaves (the oldest chats, the owner wrote last: a smoke test's choices land elsewhere):
- ``huge_page`` (Fwpvwhgl8fBtDxlWK_LbFf): 100,000 messages in one page whatever the limit.
- ``nested_json`` (GlUwfTvImbSrA6yngnPiE5): a message field nested 100,000 levels deep.
- ``slow_drip`` (GMDGolL6tq4zDs36McYZvJ): one byte every 5 seconds.
- ``gzip_bomb`` (9-U9CYLGHF0RgY8-59Y0Fx): about 1 MB of gzip that inflates to 1 GiB.
- ``long_error`` (q29yeq-gAu_-7wK5tIW3MF): 400 whose ``detail`` is a 600-character unbroken token; a send answers
  422 with HTML, script and an RLO in its ``detail``.

And one that answers normally, the newest LinkedIn chat:
- ``linkedin_html`` (9j1a672ZEdPSj7GfOjenv_): a 1:1 chat that answers normally, with HTML in its subject and texts.
"""

from __future__ import annotations

from ..models import Account, Attachment, Attendee, Chat
from ..state import SandboxState
from .people import Persona
from .seeder import MINUTE, Seeder

TEN_MB = 10 * 1024 * 1024
LONG_WORD_CHARS = 100_000
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
RLO, PDF = "\u202e", "\u202c"
HOSTILE_URLS = (
    "javascript:alert(document.cookie)",
    "file:///etc/passwd",
    "file://C:/Windows/System32/cmd.exe",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
)
MISBEHAVING = ("huge_page", "nested_json", "slow_drip", "gzip_bomb", "long_error")
CHINESE_NAME = ("客户服务报告" * 34)[:196] + ".txt"  # 200 characters, 592 bytes in UTF-8
HOSTILE_FILE_NAMES = (
    CHINESE_NAME,
    "CON",
    "CON.txt",
    "CONIN$",
    "CONOUT$",
    "aux.pdf",
    "nul",
    "LPT1.log",
    "../../etc/passwd",
    "..\\..\\Windows\\System32\\evil.dll",
    "/etc/shadow",
    "invoice.pdf. . .",
    "report.pdf   ",
    ".bashrc",
    "launcher.desktop",
    "install.sh",
    "setup.exe",
    "run.bat",
    "run.cmd",
    "script.ps1",
    "macro.vbs",
    "payload.js",
    "tool.jar",
    "package.msi",
    "Mac.app",
    "open.command",
    "budget.docm",
    "sheet.xlsm",
    "slides.pptm",
    "invoice.pdf.exe",
    "photo\u202egpj.exe",
    "",
)


def ordinary_words(size: int) -> str:
    """`size` characters of plain prose (spaces every few letters): what a pasted log or book looks like."""
    sentence = (
        "The parcel left the warehouse on Monday and should reach the customer before the end of the week, "
        "unless the carrier is late again because of the holidays. "
    )
    return (sentence * (size // len(sentence) + 1))[:size]


def long_word(size: int) -> str:
    """One word of `size` characters: nothing a line can be broken at."""
    return ("Supercalifragilistic" * (size // 20 + 1))[:size]


def build_hostile(state: SandboxState, seed: int, now: int) -> None:
    """Fill `state` with the hostile world (see the module docs), dated relative to `now` (epoch ms)."""
    seeder = Seeder(state, seed, now)
    marks = state.landmarks
    _build_whatsapp(seeder, marks.accounts, marks.chats, marks.messages)
    _build_telegram(seeder, marks.accounts, marks.chats, marks.messages)
    _build_linkedin(seeder, marks.accounts, marks.chats)
    for chat_id, messages in state.chat_messages.items():
        if messages:
            chat = state.chats[chat_id]
            chat.created_at_ms = min(chat.created_at_ms, min(m.timestamp_ms for m in messages) - 60 * MINUTE)


def _owner(seeder: Seeder, account: Account) -> Attendee:
    return seeder.state.attendees[account.self_attendee_id]


def _file(seeder: Seeder, account: Account, provider_id: str, name: str, data: bytes, url: str | None) -> Attachment:
    attachment = seeder.state.make_attachment(account.id, provider_id, data, name or "file", "application/octet-stream")
    attachment.file_name = name
    if url is not None:
        attachment.url = url
    return attachment


def _build_whatsapp(seeder: Seeder, accounts: dict[str, str], chats: dict[str, str], messages: dict[str, str]) -> None:
    phone = "33699999999"
    account = seeder.add_account(
        f"Acme <b>Support</b> {SCRIPT}",
        "WHATSAPP",
        90,
        {"phone_number": "+" + phone},
        phone + "@s.whatsapp.net",
        {"provider": "WHATSAPP", "provider_id": phone + "@s.whatsapp.net", "name": f"Acme {IMG}"},
    )
    accounts["whatsapp"] = account.id
    owner = _owner(seeder, account)
    start = seeder.now - 120 * MINUTE  # newest: what a smoke test opens first is hostile content, served normally

    mallory = seeder.add_person(account, Persona(f"<b>Mallory</b> {IMG}"))
    linker = seeder.add_person(account, Persona('<a href="javascript:alert(1)">Click me</a>'))
    html = seeder.add_chat(account, [mallory, linker], name=f"{SCRIPT}<b>VIP</b> &amp; <i>friends</i>")
    chats["html"] = html.id
    texts = (
        f"{IMG}<b>hi</b>",
        f"{SCRIPT} if you can read this as code, good",
        '<a href="javascript:alert(1)">Pay your invoice here</a>',
        "[Click here](javascript:alert(1)) and **bold** _markdown_",
        "<style>body { display: none }</style><iframe src=https://evil.example></iframe>",
        "&lt;b&gt;entities&lt;/b&gt; &amp; &#x3C;script&#x3E; &#60;",
        "<svg onload=alert(1)><math><mi xlink:href=javascript:alert(1)>x</mi></math>",
        "Plain text after the HTML: nothing above may have run.",
    )
    for index, text in enumerate(texts):
        sender = (mallory, linker, owner)[index % 3]
        seeder.add_message(html, sender, text, start + index * MINUTE, seen=index < 6)
    attached = seeder.add_message(html, mallory, f"{IMG} see attached", start + 20 * MINUTE, seen=False)
    attached.attachments.append(
        _file(seeder, account, attached.provider_id, f"{IMG}.pdf", b"%PDF-1.4\n", "javascript:alert(document.domain)")
    )
    messages["html_attachment"] = attached.id
    html.unread_count = 3

    bob = seeder.add_person(account, Persona(f"{RLO}evil{PDF} Bob {RLO}nimda"))
    bidi = seeder.add_chat(account, [bob])
    chats["bidi"] = bidi.id
    bidi_texts = (
        "Your invoice: https://evil.example/\u202efdp.exe",
        f"{RLO}This override is never closed and runs on through the rest of the bubble",
        "Isolates \u2067مرحبا\u2069 and embeddings \u202bשלום\u202c and \u202doverride\u202c and marks \u200f\u200e",
        "Download https://bank.example\u202e/moc.live//:sptth",
    )
    for index, text in enumerate(bidi_texts):
        seeder.add_message(bidi, bob, text, start + (40 + index) * MINUTE, seen=False)
    disguised = seeder.add_message(bidi, bob, "The signed contract", start + 50 * MINUTE, seen=False)
    disguised.attachments.append(_file(seeder, account, disguised.provider_id, "invoice\u202egnp.exe", b"MZ", None))
    bidi.unread_count = 5

    zed = seeder.add_person(account, Persona("Sup\u200bport\u200d Te\u2060am\ufeff"))
    zero = seeder.add_chat(account, [zed])
    chats["zero_width"] = zero.id
    zero_texts = (
        "Log in at https://pay\u200bpal.example/login to confirm",
        "pass\u200cword\u2060 re\u00adset \ufeffnow",
        "\u200b\u200c\u200d\u2060\ufeff" * 20,
        "Z\u0351\u0351\u0351\u0351a\u0300\u0301\u0302\u0303\u0304\u0305l\u0306\u0307\u0308g\u0309\u030a\u030bo",
    )
    for index, text in enumerate(zero_texts):
        seeder.add_message(zero, zed, text, start + (60 + index) * MINUTE)

    filer = seeder.add_person(account, Persona("File Sender"))
    files = seeder.add_chat(account, [filer])
    chats["file_names"] = files.id
    holder = seeder.add_message(files, filer, "Here are the files you asked for", start + 80 * MINUTE, seen=False)
    for name in HOSTILE_FILE_NAMES:
        holder.attachments.append(_file(seeder, account, holder.provider_id, name, b"hostile file\n", None))
    messages["file_names"] = holder.id
    files.unread_count = 1


def _build_telegram(seeder: Seeder, accounts: dict[str, str], chats: dict[str, str], messages: dict[str, str]) -> None:
    user_id = seeder.pids.digits(10)
    account = seeder.add_account(
        f"Acme {RLO}Help",
        "TELEGRAM",
        60,
        {"user_id": user_id, "username": f"acme{IMG}"},
        user_id,
        {
            "provider": "TELEGRAM",
            "provider_id": user_id,
            "first_name": IMG,
            "last_name": RLO + "pleH",
            "username": "acme_help",
            "profile_picture_url": "file:///etc/shadow",
            "premium": False,
        },
    )
    accounts["telegram"] = account.id
    owner = _owner(seeder, account)
    start = seeder.now - 300 * MINUTE

    big = seeder.add_person(account, Persona("Big Sender"))
    huge = seeder.add_chat(account, [big])
    chats["huge_message"] = huge.id
    seeder.add_message(huge, owner, "Could you send the full log?", start)
    messages["ten_mb"] = seeder.add_message(huge, big, ordinary_words(TEN_MB), start + MINUTE, seen=False).id
    huge.unread_count = 1

    worder = seeder.add_person(account, Persona("Long Word"))
    word = seeder.add_chat(account, [worder])
    chats["long_word"] = word.id
    seeder.add_message(word, worder, "Next message is one word:", start + 10 * MINUTE)
    word_message = seeder.add_message(word, worder, long_word(LONG_WORD_CHARS), start + 11 * MINUTE, seen=False)
    messages["long_word"] = word_message.id
    word.unread_count = 1

    linker = seeder.add_person(account, Persona("URL Sender"))
    linker.picture_url = "file:///etc/passwd"
    linker.profile_url = "javascript:alert(document.cookie)"
    urls = seeder.add_chat(account, [linker])
    chats["urls"] = urls.id
    for index, url in enumerate(HOSTILE_URLS):
        seeder.add_message(urls, linker, f"Open {url} now", start + (20 + index) * MINUTE)
    holder = seeder.add_message(urls, linker, "Attachments whose url is not att://", start + 40 * MINUTE, seen=False)
    for index, url in enumerate(HOSTILE_URLS):
        holder.attachments.append(_file(seeder, account, holder.provider_id, f"link-{index}.txt", b"x\n", url))
    urls.unread_count = 1


def _build_linkedin(seeder: Seeder, accounts: dict[str, str], chats: dict[str, str]) -> None:
    member = seeder.pids.linkedin_member()
    account = seeder.add_account(
        f"Eve {IMG}",
        "LINKEDIN",
        120,
        {
            "id": member,
            "publicIdentifier": "eve",
            "username": f"Eve {IMG}",
            "premiumFeatures": ["premium", "recruiter", "sales_navigator"],
        },
        member,
        {
            "provider": "LINKEDIN",
            "provider_id": member,
            "first_name": "Eve",
            "last_name": IMG,
            "profile_picture_url": "javascript:alert(1)",
            "public_profile_url": "file:///etc/passwd",
            "headline": f"<b>CEO</b> at {SCRIPT}",
            "premium": True,
            "open_profile": False,
            "recruiter": {"owner_seat_id": "1", "contract_id": "2"},
            "sales_navigator": {"owner_seat_id": "3", "contract_id": "4"},
        },
        premium_features=("premium", "recruiter", "sales_navigator"),
        balance={"premium": 5, "recruiter": 30, "sales_navigator": 12},
    )
    accounts["linkedin"] = account.id
    owner = _owner(seeder, account)
    start = seeder.now - 3 * 1440 * MINUTE  # oldest, and answered (the owner wrote last): nobody waits in them
    misbehaviour = seeder.state.misbehaviour
    for index, kind in enumerate(MISBEHAVING):
        person = seeder.add_person(account, Persona(f"{kind.replace('_', ' ').title()} <i>Server</i>"), "DISTANCE_1")
        assert person.specifics is not None
        person.specifics["occupation"] = f"<b>Head</b> of {SCRIPT} at <a href='javascript:alert(1)'>Evil</a>"
        person.profile_url = "javascript:alert(1)"
        # A group (of one other person): a smoke test's 1:1 choices (quick switch, canned reply) stay on chats that
        # answer; the UI test opens these on purpose.
        chat: Chat = seeder.add_chat(account, [person], name=f"{kind} <b>group</b>", chat_type=1)
        chats[kind] = chat.id
        message = seeder.add_message(chat, owner, f"This chat's messages route: {kind}", start + index * MINUTE)
        misbehaviour.chats[chat.id] = kind
        misbehaviour.templates[chat.id] = message.to_json()
    # People without a chat (after the chats, so their ids stay): new chats and invitations have someone to reach.
    for name, distance in (
        (f"Nina {IMG}", "DISTANCE_1"),
        (f"Otto {RLO}reknaw", "DISTANCE_2"),
        ("Pia <b>3rd</b>", "DISTANCE_3"),
    ):
        seeder.add_person(account, Persona(name), distance)
    # A 1:1 LinkedIn chat that answers normally, with HTML in its InMail subject and texts.
    quinn = seeder.add_person(account, Persona(f"Quinn {SCRIPT}"), "DISTANCE_1")
    html = seeder.add_chat(account, [quinn], subject=f"<b>Offer</b> {IMG}")
    chats["linkedin_html"] = html.id
    recent = seeder.now - 200 * MINUTE
    seeder.add_message(html, quinn, f"{IMG} Interested?", recent, extra={"subject": f"<b>Offer</b> {IMG}"})
    seeder.add_message(html, owner, '<a href="javascript:alert(1)">Yes</a>', recent + MINUTE)
