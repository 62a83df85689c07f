"""The Telegram account of the demo: a Chinese chat with a log file, a read-only channel, a group of testers."""

from __future__ import annotations

from .people import Persona
from .seeder import Seeder


def build_telegram(seeder: Seeder, accounts: dict[str, str], chats: dict[str, str]) -> None:
    user_id = seeder.pids.digits(10)
    account = seeder.add_account(
        "Acme Help",
        "TELEGRAM",
        200,
        {"user_id": user_id, "username": "acme_help"},
        user_id,
        {
            "provider": "TELEGRAM",
            "provider_id": user_id,
            "first_name": "Acme",
            "last_name": "Help",
            "username": "acme_help",
            "phone": "+33612340000",
            "premium": False,
            "self": True,
            "bot": False,
        },
    )
    accounts["telegram"] = account.id
    li = seeder.add_person(account, Persona("李小龙", "zh"))
    chinese = seeder.add_chat(account, [li])
    thread = seeder.converse(chinese, "support", 6, seeder.ago(35, 50), unread=1)
    logs = "2024-06-11 14:22:01 ERROR checkout: payment gateway timeout\n2024-06-11 14:22:03 INFO retry 1/3\n"
    thread[-1].attachments.append(
        seeder.state.make_attachment(account.id, thread[-1].provider_id, logs.encode(), "app-logs.txt")
    )
    chats["chinese"] = chinese.id
    for index, (name, lang) in enumerate((("Ирина Петрова", "ru"), ("Olga Smirnova", "ru"), ("Raphaël Garnier", "fr"))):
        chat = seeder.add_chat(account, [seeder.add_person(account, Persona(name, lang, index != 1))])
        seeder.converse(chat, "support", seeder.rng.randint(2, 6), seeder.ago(600 + index * 3000, 900 + index * 3000))
    carrier = seeder.add_person(account, Persona("Carrier Status Updates"))
    channel = seeder.add_chat(
        account, [carrier], name="Carrier Status Updates 🚚", chat_type=2, read_only=1, has_picture=True
    )
    seeder.converse(channel, "channel", 4, seeder.ago(180, 240), unread=2)
    chats["channel"] = channel.id
    testers = [seeder.add_person(account, Persona(name)) for name in ("Ivy Chen", "Marco Bruno", "Lena Vogel")]
    beta = seeder.add_chat(account, testers, name="Beta testers")
    seeder.converse(beta, "team", 8, seeder.ago(2 * 1440, 3 * 1440))
