"""The Messenger page of the demo: customers, one message of which holds an expired attachment."""

from __future__ import annotations

from .people import Persona
from .seeder import Seeder


def build_messenger(seeder: Seeder, accounts: dict[str, str], chats: dict[str, str], messages: dict[str, str]) -> None:
    page_id = "1000" + seeder.pids.digits(11)
    account = seeder.add_account(
        "Acme Store",
        "MESSENGER",
        250,
        {"id": page_id, "username": "Acme Store"},
        page_id,
        {"provider": "MESSENGER", "provider_id": page_id, "username": "Acme Store", "name": "Acme Store"},
    )
    accounts["messenger"] = account.id
    for index, name in enumerate(("Amelia Johnson", "Bruno Carvalho", "Agnès Perrin", "Noor Rahman", "Isabel Díaz")):
        person = seeder.add_person(account, Persona(name, "es" if name == "Isabel Díaz" else "en", index != 2))
        chat = seeder.add_chat(account, [person])
        thread = seeder.converse(
            chat, "support", seeder.rng.randint(3, 8), seeder.ago(200 + index * 2000, 300 + index * 2500)
        )
        if index == 0:
            expired = seeder.state.make_attachment(account.id, thread[0].provider_id, seeder.photo(), "photo.png")
            expired.unavailable = True
            thread[0].attachments.append(expired)
            chats["unavailable_attachment"] = chat.id
            messages["unavailable_attachment"] = thread[0].id
