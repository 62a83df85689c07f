"""The WhatsApp account of the demo: the showcase chat of every message feature, groups, RTL, a long history."""

from __future__ import annotations

from ..files import demo_pdf
from ..models import Reaction
from .people import Persona
from .seeder import DAY, MINUTE, Seeder

XSS_TEXT = "<img src=x onerror=alert(1)><b>hi</b>"


def build_whatsapp(
    seeder: Seeder,
    accounts: dict[str, str],
    chats: dict[str, str],
    messages: dict[str, str],
    people: dict[str, str],
    recipients: dict[str, str],
) -> None:
    phone = "33612345678"
    account = seeder.add_account(
        "Acme Support FR",
        "WHATSAPP",
        410,
        {"phone_number": "+" + phone},
        phone + "@s.whatsapp.net",
        {
            "provider": "WHATSAPP",
            "provider_id": phone + "@s.whatsapp.net",
            "name": "Acme Support FR",
            "phone_number": "+" + phone,
        },
    )
    accounts["whatsapp"] = account.id
    owner = seeder.state.attendees[account.self_attendee_id]

    # The showcase chat: every message feature a client must render.
    zoe = seeder.add_person(account, Persona("Zoë Müller", "de"))
    showcase = seeder.add_chat(account, [zoe])
    chats["showcase"] = showcase.id
    people["zoe"] = zoe.id
    base = seeder.now - 95 * MINUTE
    seeder.add_message(showcase, zoe, "Hallo! Ich habe eine Frage zu meiner Rechnung 🧾", base)
    seeder.add_message(showcase, owner, "Hi Zoë, sure — what's the question?", base + 3 * MINUTE)
    photo_message = seeder.add_message(
        showcase, zoe, None, base + 9 * MINUTE, attachments=[("IMG_4821.png", seeder.photo())]
    )
    messages["image_only"] = photo_message.id
    seeder.add_message(showcase, zoe, "Das ist der Karton, so kam er an 😞", base + 10 * MINUTE)
    invoice = seeder.add_message(
        showcase,
        owner,
        "Oh no, sorry about that! Here is your invoice.",
        base + 14 * MINUTE,
        attachments=[
            (
                "Rechnung-2024-117.pdf",
                demo_pdf("Rechnung 2024-117", ["Acme GmbH", "1x Rucksack blau  49,90 EUR", "MwSt. 19%"]),
            )
        ],
    )
    invoice.reactions.append(Reaction("👍", zoe.provider_id, False))
    messages["file"] = invoice.id
    reaction_event = seeder.add_message(
        showcase,
        zoe,
        "Zoë Müller reacted 👍 to “Oh no, sorry about that! Here is your invoice.”",
        base + 15 * MINUTE,
        hidden=1,
        is_event=1,
        event_type=2,
        behavior=0,
    )
    messages["hidden_reaction_event"] = reaction_event.id
    edited = seeder.add_message(
        showcase, owner, "We'll ship a replacement tomorrow with express shipping 🚚", base + 18 * MINUTE, edited=1
    )
    messages["edited"] = edited.id
    deleted = seeder.add_message(showcase, owner, None, base + 19 * MINUTE, deleted=1)
    messages["deleted"] = deleted.id
    quoted = seeder.add_message(showcase, zoe, "Super, danke! Wann kommt sie an?", base + 40 * MINUTE)
    quoted.quoted = edited.base_json()
    messages["quoting"] = quoted.id
    seeder.add_message(
        showcase,
        owner,
        "Thursday before noon 🙂",
        base + 44 * MINUTE,
        reactions=[Reaction("❤️", zoe.provider_id, False)],
    )
    xss = seeder.add_message(showcase, zoe, XSS_TEXT, base + 88 * MINUTE, seen=False)
    messages["html_like_text"] = xss.id
    seeder.add_message(
        showcase,
        zoe,
        "Also: is https://example.com/track?id=42&lang=de the right tracking link?",
        base + 92 * MINUTE,
        seen=False,
    )
    showcase.unread_count = 2

    team = [
        seeder.add_person(account, Persona(name, "fr", picture))
        for name, picture in (
            ("Camille Laurent", True),
            ("Thomas Petit", False),
            ("Inès Dubois", True),
            ("Hugo Garcia", True),
        )
    ]
    group = seeder.add_chat(account, team, name="Équipe Logistique 🚚", has_picture=True, muted_until=-1)
    chats["group"] = group.id
    start = seeder.now - 30 * DAY
    seeder.add_message(
        group, team[0], "Camille Laurent created group “Équipe Logistique 🚚”", start, is_event=1, event_type=3
    )
    seeder.add_message(group, team[0], "Camille Laurent added Hugo Garcia", start + MINUTE, is_event=1, event_type=5)
    seeder.converse(group, "team", 14, seeder.ago(20, 30), unread=3)
    warehouse = seeder.add_message(
        group,
        team[2],
        "Photo du quai de chargement",
        seeder.ago(15, 19),
        seen=False,
        attachments=[("quai-chargement.png", seeder.photo())],
    )
    warehouse.reactions.append(Reaction("🙏", owner.provider_id, True))
    group.unread_count = 4

    jose = seeder.add_person(account, Persona("José Álvarez", "es"))
    long_chat = seeder.add_chat(account, [jose])
    chats["long_history"] = long_chat.id
    history = seeder.converse(long_chat, "support", 160, seeder.ago(55, 70), pace="fast")
    for position, file_name in ((40, "foto-producto.png"), (121, "foto-embalaje.png")):
        history[position].attachments.append(
            seeder.state.make_attachment(account.id, history[position].provider_id, seeder.photo(), file_name)
        )
    budget = demo_pdf("Presupuesto 2024-31", ["Acme Iberia", "10x Mochila  499,00 EUR"])
    history[80].attachments.append(
        seeder.state.make_attachment(account.id, history[80].provider_id, budget, "presupuesto.pdf")
    )

    rtl_arabic = seeder.add_chat(account, [seeder.add_person(account, Persona("محمد العلي", "ar"))])
    seeder.converse(rtl_arabic, "support", 6, seeder.ago(110, 130), unread=1)
    chats["rtl_arabic"] = rtl_arabic.id
    rtl_hebrew = seeder.add_chat(account, [seeder.add_person(account, Persona("נועה כהן", "he", False))])
    seeder.converse(rtl_hebrew, "support", 5, seeder.ago(290, 320))
    chats["rtl_hebrew"] = rtl_hebrew.id

    regulars = [
        ("Anaïs Martin", "fr", True, 1),
        ("Łukasz Wiśniewski", "en", True, 0),
        ("François Côté", "fr", True, 0),
        ("Ayşe Yılmaz", "en", True, 0),
        ("Nguyễn Thị Lan", "en", False, 0),
        ("Priya Raman", "en", True, 0),
        ("Kwame Mensah", "en", False, 0),
    ]
    for index, (name, lang, picture, unread) in enumerate(regulars):
        chat = seeder.add_chat(account, [seeder.add_person(account, Persona(name, lang, picture))])
        seeder.converse(
            chat, "support", seeder.rng.randint(3, 12), seeder.ago(400 + index * 900, 900 + index * 1500), unread=unread
        )

    vip = [seeder.add_person(account, Persona(name, "en")) for name in ("Sarah Cohen", "Mehdi Benali", "Léa Roux")]
    vip_chat = seeder.add_chat(account, vip, name="VIP Clients 2024")
    seeder.converse(vip_chat, "support", 7, seeder.ago(4 * 1440, 5 * 1440))

    archived = seeder.add_chat(account, [seeder.add_person(account, Persona("Søren Nielsen", "en"))], archived=1)
    seeder.converse(archived, "support", 4, seeder.ago(20 * 1440, 25 * 1440))
    chats["archived"] = archived.id

    former = [seeder.add_person(account, Persona(name, "fr")) for name in ("Lucie Bonnet", "Paul Girard")]
    left = seeder.add_chat(account, former, name="Ex-Team Lyon", read_only=1)
    seeder.converse(left, "team", 5, seeder.ago(30 * 1440, 31 * 1440))
    seeder.add_message(left, owner, "You left", seeder.ago(29 * 1440, 29.5 * 1440), is_event=1, event_type=7)
    chats["left_group"] = left.id

    empty = seeder.add_chat(account, [seeder.add_person(account, Persona("Nina Horvat", "en"))])
    empty.created_at_ms = seeder.now - 40 * DAY
    chats["empty"] = empty.id

    recipients["whatsapp_contact_without_chat"] = seeder.add_person(
        account, Persona("Hannah Schmidt", "de")
    ).provider_id
    seeder.add_person(account, Persona("Oliver Smith", "en", False))
