"""The Instagram account of the demo: shop customers, one of whom sends a photo."""

from __future__ import annotations

from .people import Persona
from .seeder import Seeder


def build_instagram(seeder: Seeder, accounts: dict[str, str], chats: dict[str, str]) -> None:
    user_id = "1784" + seeder.pids.digits(13)
    account = seeder.add_account(
        "acme.store",
        "INSTAGRAM",
        300,
        {"id": user_id, "username": "acme.store"},
        user_id,
        {"provider": "INSTAGRAM", "provider_id": user_id, "username": "acme.store", "name": "Acme Store"},
    )
    accounts["instagram"] = account.id
    for index, (name, lang, picture) in enumerate(
        (
            ("Chloé Bernard", "fr", True),
            ("Sarah O'Connor", "en", True),
            ("Liam Murphy", "en", False),
            ("Ana Souza", "en", True),
            ("Tomás Ortega", "es", True),
            ("Mei Lin", "zh", True),
        )
    ):
        person = seeder.add_person(account, Persona(name, lang, picture))
        chat = seeder.add_chat(account, [person])
        thread = seeder.converse(
            chat,
            "support",
            seeder.rng.randint(2, 7),
            seeder.ago(45 + index * 1300, 90 + index * 1500),
            unread=1 if index < 2 else 0,
        )
        if index == 0:
            chats["instagram_photo"] = chat.id
            inbound = [message for message in thread if not message.is_sender]
            inbound[0].attachments.append(
                seeder.state.make_attachment(account.id, inbound[0].provider_id, seeder.photo(), "produit.png")
            )
