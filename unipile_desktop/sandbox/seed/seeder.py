"""Deterministic demo data (accounts, people, chats, messages, files) generated from a seed, dated relative to now."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import images
from .models import LINKEDIN_FOLDERS, Account, Attendee, Chat, Message, Reaction, format_ts

if TYPE_CHECKING:
    from .state import SandboxState

MINUTE = 60_000
HOUR = 60 * MINUTE
DAY = 24 * HOUR

XSS_TEXT = "<img src=x onerror=alert(1)><b>hi</b>"

# Lines by conversation kind, language and role. `{first}` is the other side's first name, `{order}` an order number.
LINES: dict[str, dict[str, dict[str, list[str]]]] = {
    "support": {
        "en": {
            "them": [
                "Hi! I ordered a backpack last week and it still hasn't shipped. Order #{order}.",
                "Any update on my order?",
                "Thanks a lot 🙏",
                "The tracking page says 'label created' since Monday 🤔",
                "Can I still change the delivery address?",
                "I was charged twice for the same order 😕",
                "Do you ship to Canada?",
                "Perfect, thank you!",
                "It arrived today, all good 👍",
                "Could you send me the invoice as a PDF?",
                "The zipper broke after two days…",
                "Is there a discount for teams of 10 or more?",
                "Ok 👌",
                "What are your opening hours on Saturday?",
                "Great service as always 😊",
            ],
            "us": [
                "Hi {first}, thanks for reaching out! Let me check that for you.",
                "Your order #{order} left our warehouse this morning 📦",
                "I've refunded the duplicate charge; it should show up within 3–5 business days.",
                "Sure, I'll send the invoice right away.",
                "Could you send me a photo of the damaged item?",
                "Yes, we ship to Canada — delivery takes 5 to 8 days.",
                "You're welcome! Have a great day ☀️",
                "Done, the address on your order is updated.",
                "Our team is on it, I'll get back to you before 5pm.",
                "We're open 10am–6pm on Saturdays.",
            ],
        },
        "fr": {
            "them": [
                "Bonjour, ma commande #{order} n'est toujours pas arrivée.",
                "Merci beaucoup !",
                "Est-ce que je peux échanger la taille ?",
                "Le colis est arrivé abîmé 😞",
                "D'accord, merci pour votre réactivité 🙂",
                "Vous livrez en Belgique ?",
                "J'ai bien reçu le remboursement, merci.",
                "À quelle heure passe le livreur ?",
            ],
            "us": [
                "Bonjour {first}, je regarde ça tout de suite.",
                "C'est noté, je vous envoie une étiquette de retour.",
                "Votre remboursement a été validé ✅",
                "Avec plaisir, bonne journée !",
                "Le transporteur passe entre 9h et 13h.",
                "Oui, nous livrons en Belgique en 48 h.",
            ],
        },
        "es": {
            "them": [
                "Hola, ¿cuándo llega mi pedido #{order}?",
                "¡Muchas gracias!",
                "¿Puedo pagar con transferencia?",
                "El producto llegó dañado 😢",
                "Vale, perfecto 👍",
                "¿Tenéis la talla M en azul?",
                "Sigo sin recibir el correo de confirmación.",
                "Genial, ya lo tengo.",
                "¿Hacéis envíos a Canarias?",
                "Una pregunta más: ¿la garantía es de dos años?",
            ],
            "us": [
                "¡Hola {first}! Lo reviso ahora mismo.",
                "Tu pedido sale mañana por la mañana 🚚",
                "Te he reenviado la factura por correo.",
                "¡De nada, que tengas un buen día!",
                "Sí, la garantía es de dos años.",
                "Hacemos envíos a Canarias, tarda unos 5 días.",
                "Acabo de reenviar la confirmación, revisa la carpeta de spam.",
            ],
        },
        "de": {
            "them": [
                "Hallo, wann wird meine Bestellung #{order} geliefert?",
                "Vielen Dank für die schnelle Antwort!",
                "Kann ich die Rechnung auf meine Firma ausstellen lassen?",
                "Alles klar, danke 🙂",
                "Die Größe passt leider nicht.",
            ],
            "us": [
                "Hallo {first}, ich schaue sofort nach.",
                "Die Rechnung ist unterwegs 📄",
                "Gern geschehen!",
                "Kein Problem, ich schicke Ihnen ein Rücksendeetikett.",
            ],
        },
        "ar": {
            "them": [
                "مرحباً، متى سيصل طلبي رقم {order}؟",
                "شكراً جزيلاً 🙏",
                "هل يمكنني تغيير عنوان التوصيل؟",
                "رقم الطلب: #{order} (order number)",
                "تمام، وصل الطلب اليوم 👍",
            ],
            "us": [
                "مرحباً {first}، سأتحقق من ذلك الآن.",
                "تم شحن طلبك اليوم 📦",
                "بكل سرور! يوم سعيد",
            ],
        },
        "he": {
            "them": [
                "שלום, מתי ההזמנה שלי {order} תגיע?",
                "תודה רבה!",
                "אפשר לקבל חשבונית?",
                "מעולה, קיבלתי 👍",
            ],
            "us": [
                "שלום {first}, אני בודק את זה עכשיו.",
                "ההזמנה נשלחה היום 📦",
                "בשמחה!",
            ],
        },
        "zh": {
            "them": [
                "你好，我的订单{order}什么时候发货？",
                "谢谢！",
                "可以开发票吗？",
                "好的，收到了 👍",
                "日志文件已发给你了。",
            ],
            "us": [
                "您好{first}，我马上帮您查一下。",
                "您的订单今天已经发货了 📦",
                "不客气！",
            ],
        },
        "ru": {
            "them": [
                "Здравствуйте! Когда будет доставка заказа {order}?",
                "Спасибо большое!",
                "Можно оплатить картой при получении?",
                "Отлично, всё пришло 👍",
            ],
            "us": [
                "Здравствуйте, {first}! Сейчас проверю.",
                "Ваш заказ отправлен сегодня 📦",
                "Да, можно оплатить картой курьеру.",
            ],
        },
    },
    # Scripted kinds: lines are used in order, speakers alternate starting with us.
    "recruiting": {
        "en": {
            "us": [
                "Hi {first}, I came across your profile and think you'd be a great fit for our Senior Backend "
                "Engineer role in Lyon. Open to a quick chat?",
                "Great! The range is €65–75k plus equity, and the team works remotely three days a week.",
                "Would Thursday 2pm work for a 20-minute call?",
                "Perfect, I've just sent you a calendar invite 📅",
            ],
            "them": [
                "Hi Claire, thanks for reaching out. I'm open to hearing more — could you share the salary range?",
                "Sounds good. Here is my updated CV.",
                "Thursday works for me.",
                "Thanks, talk soon!",
            ],
        },
    },
    "sales": {
        "en": {
            "us": [
                "Hi {first}, congrats on the Series A! Are you evaluating tools for support automation?",
                "It's €29 per seat per month, with volume discounts from 20 seats. Want a two-minute demo video?",
                "Here it is: https://example.com/demo — would Tuesday work for a call?",
                "Great, invite sent for Tuesday 10am CET.",
            ],
            "them": [
                "Maybe — what does pricing look like for 25 seats?",
                "Sure, send it over.",
                "Tuesday is fine, 10am CET.",
                "👍",
            ],
        },
    },
    "network": {
        "en": {
            "them": [
                "Hi! Great meeting you at the meetup yesterday.",
                "Thanks for the intro, much appreciated 🙏",
                "Do you have a few minutes this week to talk about the partnership?",
                "Sounds good!",
                "I'll send the deck tomorrow.",
                "Congrats on the new role 🎉",
            ],
            "us": [
                "Likewise {first}! Let's keep in touch.",
                "Happy to help.",
                "Wednesday afternoon works for me.",
                "Thanks {first} 😊",
                "Looking forward to it.",
            ],
        },
        "fr": {
            "them": [
                "Bonjour, ravi d'avoir échangé hier !",
                "Merci pour la mise en relation 🙏",
                "On se cale un café la semaine prochaine ?",
            ],
            "us": [
                "Avec plaisir {first} !",
                "Mardi matin, ça te va ?",
                "Parfait, à bientôt.",
            ],
        },
    },
    "team": {
        "fr": {
            "them": [
                "Le camion de 14h est en retard d'une heure 🚚",
                "Les colis pour Lyon sont partis.",
                "Il manque 3 cartons sur la commande #{order}.",
                "Je m'en occupe.",
                "Inventaire terminé ✅",
                "Qui peut passer à l'entrepôt demain matin ?",
            ],
            "us": [
                "Merci pour l'info, je préviens les clients concernés.",
                "Super, merci à tous 🙌",
                "Je regarde avec le transporteur.",
            ],
        },
        "en": {
            "them": [
                "New build is up, please test the checkout flow.",
                "Found a bug on the login page on Android 🐛",
                "Works for me now.",
                "Can we ship on Friday?",
            ],
            "us": [
                "Thanks, filing it now.",
                "Friday works if QA is green ✅",
                "Great work everyone!",
            ],
        },
    },
    "channel": {
        "en": {
            "them": [
                "Service update: deliveries in the Paris area are delayed by 24h because of strikes.",
                "All depots are operating normally today ✅",
                "Reminder: pickups on public holidays must be booked 48h in advance.",
                "New: Saturday deliveries are now available in Lyon and Marseille 🎉",
            ],
            "us": [],
        },
    },
}

SCRIPTED_KINDS = frozenset({"recruiting", "sales"})

SPONSORED_TEXT = (
    "Hi Claire, teams like yours cut reply times by 40% with Northwind Analytics. "
    "Book a 15-minute walkthrough this week and get the first month free."
)


@dataclass(frozen=True)
class Persona:
    """A demo person: display name, language of their messages, whether they have an avatar."""

    name: str
    lang: str = "en"
    picture: bool = True


def demo_pdf(title: str, lines: list[str]) -> bytes:
    """A small valid one-page PDF showing a title and a few lines of Helvetica text."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    operations = [f"BT /F1 20 Tf 72 770 Td ({escape(title)}) Tj /F1 11 Tf"]
    operations += [f"0 -{30 if index == 0 else 16} Td ({escape(line)}) Tj" for index, line in enumerate(lines)]
    operations.append("ET")
    stream = "\n".join(operations).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n".encode()
    return bytes(output)


class Seeder:
    """Builds the demo world into a SandboxState; every choice comes from RNGs seeded with `seed`."""

    def __init__(self, state: SandboxState, seed: int, now: int) -> None:
        self.state = state
        self.rng = random.Random(f"unipile-sandbox-content-{seed}")
        self.pids = state.provider_ids
        self.now = now
        self.photo_variant = seed * 100

    # ------------------------------------------------------------------ primitives

    def first_name(self, name: str) -> str:
        return name.split(" ")[0]

    def order_number(self) -> str:
        return "A" + self.pids.digits(5)

    def phone(self, country: str) -> str:
        prefixes = {"fr": "336", "es": "346", "de": "4915", "ar": "97150", "he": "97254", "en": "447", "zh": "86138"}
        prefix = prefixes.get(country, "447")
        return prefix + self.pids.digits(12 - len(prefix))

    def add_account(
        self,
        name: str,
        account_type: str,
        age_days: int,
        im_params: dict[str, object],
        self_provider_id: str,
        owner: dict[str, object],
        premium_features: tuple[str, ...] = (),
        balance: dict[str, int | None] | None = None,
        status: str = "OK",
    ) -> Account:
        account = Account(
            id=self.state.ids.new(),
            name=name,
            type=account_type,
            created_at_ms=self.now - age_days * DAY - self.rng.randint(0, DAY),
            im_params=dict(im_params),
            source_status=status,
            premium_features=premium_features,
            inmail_balance=dict(balance or {}),
            owner=dict(owner),
        )
        owner_attendee = Attendee(
            id=self.state.ids.new(),
            account_id=account.id,
            provider_id=self_provider_id,
            name=name,
            is_self=True,
            profile_url=None,
        )
        account.self_attendee_id = owner_attendee.id
        self.state.add_account(account)
        self.state.add_attendee(owner_attendee)
        return account

    def add_person(self, account: Account, persona: Persona, distance: str | None = None) -> Attendee:
        slug = "".join(
            ch for ch in persona.name.lower().replace(" ", "-") if ch.isascii() and (ch.isalnum() or ch == "-")
        )
        slug = slug.strip("-") or "member"
        profile_url: str | None = None
        specifics: dict[str, object] | None = None
        if account.type == "LINKEDIN":
            provider_id = self.pids.linkedin_member()
            profile_url = f"https://www.linkedin.com/in/{slug}-{self.pids.digits(4)}"
            specifics = {
                "provider": "LINKEDIN",
                "member_urn": f"urn:li:member:{self.pids.digits(9)}",
                "occupation": self.rng.choice(OCCUPATIONS),
                "network_distance": distance or "DISTANCE_1",
                "pending_invitation": False,
                "location": self.rng.choice(LOCATIONS),
            }
        elif account.type == "WHATSAPP":
            provider_id = self.phone(persona.lang) + "@s.whatsapp.net"
        elif account.type == "INSTAGRAM":
            provider_id = "1784" + self.pids.digits(13)
            profile_url = f"https://www.instagram.com/{slug.replace('-', '.')}"
        elif account.type == "MESSENGER":
            provider_id = "1000" + self.pids.digits(11)
            profile_url = f"https://www.facebook.com/{provider_id}"
        else:
            provider_id = self.pids.digits(10)
            profile_url = f"https://t.me/{slug.replace('-', '_')}" if self.rng.random() < 0.5 else None
        attendee = Attendee(
            id=self.state.ids.new(),
            account_id=account.id,
            provider_id=provider_id,
            name=persona.name,
            has_picture=persona.picture,
            profile_url=profile_url,
            specifics=specifics,
        )
        return self.state.add_attendee(attendee, persona.lang)

    def add_chat(
        self,
        account: Account,
        members: list[Attendee],
        name: str | None = None,
        chat_type: int | None = None,
        **fields: object,
    ) -> Chat:
        group = chat_type if chat_type is not None else (1 if len(members) > 1 else 0)
        single = group == 0
        provider_id = self.pids.chat(account.type, not single)
        if account.type == "WHATSAPP" and single:
            provider_id = members[0].provider_id
        chat = Chat(
            id=self.state.ids.new(),
            account_id=account.id,
            account_type=account.type,
            provider_id=provider_id,
            name=name,
            type=group,
            created_at_ms=self.now - self.rng.randint(30, 400) * DAY,
            attendee_ids=[account.self_attendee_id] + [member.id for member in members],
            attendee_provider_id=members[0].provider_id if single and members else None,
        )
        if account.type == "LINKEDIN":
            chat.folder = list(LINKEDIN_FOLDERS["classic"])
        for key, value in fields.items():
            setattr(chat, key, value)
        return self.state.add_chat(chat)

    def add_message(
        self,
        chat: Chat,
        sender: Attendee,
        text: str | None,
        timestamp: int,
        *,
        seen: bool = True,
        attachments: list[tuple[str, bytes]] | None = None,
        extra: dict[str, object] | None = None,
        **fields: object,
    ) -> Message:
        account = self.state.accounts[chat.account_id]
        outbound = sender.is_self
        others = [self.state.attendees[member] for member in chat.attendee_ids if member != sender.id]
        seen_by: dict[str, str | bool] = {}
        if seen and outbound:
            for other in others[:3]:
                if not other.is_self:
                    seen_by[other.provider_id] = format_ts(timestamp + self.rng.randint(1, 90) * MINUTE)
        elif seen:
            seen_by[self.state.attendees[account.self_attendee_id].provider_id] = True
        files = [(file_name, None, data) for file_name, data in attachments or []]
        message = self.state.store_message(
            chat, sender, text, files, timestamp_ms=timestamp, extra=extra, seen=seen, seen_by=seen_by
        )
        for key, value in fields.items():
            setattr(message, key, value)
        return message

    def photo(self) -> bytes:
        self.photo_variant += 1
        return images.photo_png(self.photo_variant)

    def timeline(self, count: int, end: int, pace: str = "chat") -> list[int]:
        """`count` ascending timestamps ending at `end`, spaced like a real conversation."""
        stamps = [end]
        for _ in range(count - 1):
            roll = self.rng.random()
            if pace == "fast" or roll < 0.55:
                gap = self.rng.randint(20, 600) * 1000
            elif roll < 0.9:
                gap = self.rng.randint(10, 180) * MINUTE
            else:
                gap = self.rng.randint(12, 72) * HOUR
            stamps.append(stamps[-1] - gap - self.rng.randint(0, 999))
        return list(reversed(stamps))

    def converse(
        self,
        chat: Chat,
        kind: str,
        count: int,
        end: int,
        unread: int = 0,
        outbound_first: bool = False,
        pace: str = "chat",
    ) -> list[Message]:
        """Generate a plausible exchange; the last `unread` messages are inbound and not yet seen."""
        account = self.state.accounts[chat.account_id]
        owner = self.state.attendees[account.self_attendee_id]
        members = [self.state.attendees[member] for member in chat.attendee_ids if member != owner.id]
        lang = self.state.attendee_langs.get(members[0].id, "en") if members else "en"
        bank = LINES[kind].get(lang) or LINES[kind].get("en") or next(iter(LINES[kind].values()))
        scripted = kind in SCRIPTED_KINDS
        if scripted and unread and count % 2 == (0 if not outbound_first else 1):
            count += 1  # strict alternation must end on their side to leave unread messages
        # The first line of each bank is an opener; the rest come shuffled unless the kind is scripted.
        pools = {
            role: lines if scripted else lines[:1] + self.rng.sample(lines[1:], len(lines[1:]))
            for role, lines in bank.items()
        }
        cursor = {role: 0 for role in pools}
        order = self.order_number()
        speaking_us = outbound_first
        created: list[Message] = []
        stamps = self.timeline(count, end, pace)
        for index, stamp in enumerate(stamps):
            if index > 0 and (scripted or self.rng.random() < 0.6):
                speaking_us = not speaking_us
            if index >= count - unread or not pools.get("us"):
                speaking_us = False
            role = "us" if speaking_us else "them"
            sender = owner if speaking_us else self.rng.choice(members)
            addressee = members[0] if speaking_us else owner
            line = pools[role][cursor[role] % len(pools[role])]
            cursor[role] += 1
            text = line.format(first=self.first_name(addressee.name), order=order)
            unseen = index >= count - unread or (speaking_us and index == count - 1 and self.now - stamp < HOUR)
            created.append(self.add_message(chat, sender, text, stamp, seen=not unseen))
        chat.unread_count = unread
        return created

    # ------------------------------------------------------------------ the world

    def run(self) -> None:
        marks = self.state.landmarks
        self.build_whatsapp(marks.accounts, marks.chats, marks.messages, marks.attendees, marks.recipients)
        self.build_linkedin_premium(marks.accounts, marks.chats, marks.attendees, marks.recipients)
        self.build_linkedin_classic(marks.accounts, marks.recipients)
        self.build_instagram(marks.accounts, marks.chats)
        self.build_messenger(marks.accounts, marks.chats, marks.messages)
        self.build_telegram(marks.accounts, marks.chats)
        self.build_linkedin_disconnected(marks.accounts, marks.chats)
        for chat_id, messages in self.state.chat_messages.items():
            if messages:
                first = min(message.timestamp_ms for message in messages)
                chat = self.state.chats[chat_id]
                chat.created_at_ms = min(chat.created_at_ms, first - self.rng.randint(1, 48) * HOUR)

    def ago(self, low_minutes: float, high_minutes: float) -> int:
        return self.now - int(self.rng.uniform(low_minutes, high_minutes) * MINUTE)

    def build_whatsapp(
        self,
        accounts: dict[str, str],
        chats: dict[str, str],
        messages: dict[str, str],
        people: dict[str, str],
        recipients: dict[str, str],
    ) -> None:
        phone = "33612345678"
        account = self.add_account(
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
        owner = self.state.attendees[account.self_attendee_id]

        # The showcase chat: every message feature a client must render.
        zoe = self.add_person(account, Persona("Zoë Müller", "de"))
        showcase = self.add_chat(account, [zoe])
        chats["showcase"] = showcase.id
        people["zoe"] = zoe.id
        base = self.now - 95 * MINUTE
        self.add_message(showcase, zoe, "Hallo! Ich habe eine Frage zu meiner Rechnung 🧾", base)
        self.add_message(showcase, owner, "Hi Zoë, sure — what's the question?", base + 3 * MINUTE)
        photo_message = self.add_message(
            showcase, zoe, None, base + 9 * MINUTE, attachments=[("IMG_4821.png", self.photo())]
        )
        messages["image_only"] = photo_message.id
        self.add_message(showcase, zoe, "Das ist der Karton, so kam er an 😞", base + 10 * MINUTE)
        invoice = self.add_message(
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
        reaction_event = self.add_message(
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
        edited = self.add_message(
            showcase, owner, "We'll ship a replacement tomorrow with express shipping 🚚", base + 18 * MINUTE, edited=1
        )
        messages["edited"] = edited.id
        deleted = self.add_message(showcase, owner, None, base + 19 * MINUTE, deleted=1)
        messages["deleted"] = deleted.id
        quoted = self.add_message(showcase, zoe, "Super, danke! Wann kommt sie an?", base + 40 * MINUTE)
        quoted.quoted = edited.base_json()
        messages["quoting"] = quoted.id
        self.add_message(
            showcase,
            owner,
            "Thursday before noon 🙂",
            base + 44 * MINUTE,
            reactions=[Reaction("❤️", zoe.provider_id, False)],
        )
        xss = self.add_message(showcase, zoe, XSS_TEXT, base + 88 * MINUTE, seen=False)
        messages["html_like_text"] = xss.id
        self.add_message(
            showcase,
            zoe,
            "Also: is https://example.com/track?id=42&lang=de the right tracking link?",
            base + 92 * MINUTE,
            seen=False,
        )
        showcase.unread_count = 2

        team = [
            self.add_person(account, Persona(name, "fr", picture))
            for name, picture in (
                ("Camille Laurent", True),
                ("Thomas Petit", False),
                ("Inès Dubois", True),
                ("Hugo Garcia", True),
            )
        ]
        group = self.add_chat(account, team, name="Équipe Logistique 🚚", has_picture=True, muted_until=-1)
        chats["group"] = group.id
        start = self.now - 30 * DAY
        self.add_message(
            group, team[0], "Camille Laurent created group “Équipe Logistique 🚚”", start, is_event=1, event_type=3
        )
        self.add_message(group, team[0], "Camille Laurent added Hugo Garcia", start + MINUTE, is_event=1, event_type=5)
        self.converse(group, "team", 14, self.ago(20, 30), unread=3)
        warehouse = self.add_message(
            group,
            team[2],
            "Photo du quai de chargement",
            self.ago(15, 19),
            seen=False,
            attachments=[("quai-chargement.png", self.photo())],
        )
        warehouse.reactions.append(Reaction("🙏", owner.provider_id, True))
        group.unread_count = 4

        jose = self.add_person(account, Persona("José Álvarez", "es"))
        long_chat = self.add_chat(account, [jose])
        chats["long_history"] = long_chat.id
        history = self.converse(long_chat, "support", 160, self.ago(55, 70), pace="fast")
        for position, file_name in ((40, "foto-producto.png"), (121, "foto-embalaje.png")):
            history[position].attachments.append(
                self.state.make_attachment(account.id, history[position].provider_id, self.photo(), file_name)
            )
        budget = demo_pdf("Presupuesto 2024-31", ["Acme Iberia", "10x Mochila  499,00 EUR"])
        history[80].attachments.append(
            self.state.make_attachment(account.id, history[80].provider_id, budget, "presupuesto.pdf")
        )

        rtl_arabic = self.add_chat(account, [self.add_person(account, Persona("محمد العلي", "ar"))])
        self.converse(rtl_arabic, "support", 6, self.ago(110, 130), unread=1)
        chats["rtl_arabic"] = rtl_arabic.id
        rtl_hebrew = self.add_chat(account, [self.add_person(account, Persona("נועה כהן", "he", False))])
        self.converse(rtl_hebrew, "support", 5, self.ago(290, 320))
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
            chat = self.add_chat(account, [self.add_person(account, Persona(name, lang, picture))])
            self.converse(
                chat, "support", self.rng.randint(3, 12), self.ago(400 + index * 900, 900 + index * 1500), unread=unread
            )

        vip = [self.add_person(account, Persona(name, "en")) for name in ("Sarah Cohen", "Mehdi Benali", "Léa Roux")]
        vip_chat = self.add_chat(account, vip, name="VIP Clients 2024")
        self.converse(vip_chat, "support", 7, self.ago(4 * 1440, 5 * 1440))

        archived = self.add_chat(account, [self.add_person(account, Persona("Søren Nielsen", "en"))], archived=1)
        self.converse(archived, "support", 4, self.ago(20 * 1440, 25 * 1440))
        chats["archived"] = archived.id

        former = [self.add_person(account, Persona(name, "fr")) for name in ("Lucie Bonnet", "Paul Girard")]
        left = self.add_chat(account, former, name="Ex-Team Lyon", read_only=1)
        self.converse(left, "team", 5, self.ago(30 * 1440, 31 * 1440))
        self.add_message(left, owner, "You left", self.ago(29 * 1440, 29.5 * 1440), is_event=1, event_type=7)
        chats["left_group"] = left.id

        empty = self.add_chat(account, [self.add_person(account, Persona("Nina Horvat", "en"))])
        empty.created_at_ms = self.now - 40 * DAY
        chats["empty"] = empty.id

        recipients["whatsapp_contact_without_chat"] = self.add_person(
            account, Persona("Hannah Schmidt", "de")
        ).provider_id
        self.add_person(account, Persona("Oliver Smith", "en", False))

    def linkedin_account(
        self,
        name: str,
        headline: str,
        features: tuple[str, ...],
        balance: dict[str, int | None],
        status: str = "OK",
    ) -> Account:
        first, last = name.split(" ", 1)
        member = self.pids.linkedin_member()
        slug = "".join(ch for ch in name.lower().replace(" ", "-") if ch.isascii())
        contract = self.pids.digits(9) if features else None
        im: dict[str, object] = {
            "id": member,
            "publicIdentifier": slug,
            "username": f"{first} {last}",
            "premiumId": f"urn:li:fsd_premium:{self.pids.digits(8)}" if "premium" in features else None,
            "premiumContractId": contract,
            "premiumFeatures": list(features),
            "organizations": [
                {
                    "name": "Acme Corp",
                    "messaging_enabled": True,
                    "organization_urn": "urn:li:organization:1234567",
                    "mailbox_urn": f"urn:li:fsd_profile:{self.pids.linkedin_member()}",
                }
            ],
        }
        seats: dict[str, object] = {
            "recruiter": {"owner_seat_id": self.pids.digits(9), "contract_id": contract or ""}
            if "recruiter" in features
            else None,
            "sales_navigator": {"owner_seat_id": self.pids.digits(9), "contract_id": contract or ""}
            if "sales_navigator" in features
            else None,
        }
        owner: dict[str, object] = {
            "provider": "LINKEDIN",
            "provider_id": member,
            "entity_urn": f"urn:li:fsd_profile:{member}",
            "object_urn": f"urn:li:member:{self.pids.digits(9)}",
            "first_name": first,
            "last_name": last,
            "public_profile_url": f"https://www.linkedin.com/in/{slug}",
            "public_identifier": slug,
            "headline": headline,
            "location": "Lyon, Auvergne-Rhône-Alpes, France",
            "email": f"{slug.replace('-', '.')}@acme.example",
            "premium": "premium" in features,
            "open_profile": False,
            "occupation": headline,
            **seats,
            "organizations": [{"id": "1234567", "mailbox_id": self.pids.digits(9), "name": "Acme Corp"}],
        }
        return self.add_account(name, "LINKEDIN", 700, im, member, owner, features, balance, status)

    def build_linkedin_premium(
        self, accounts: dict[str, str], chats: dict[str, str], people: dict[str, str], recipients: dict[str, str]
    ) -> None:
        account = self.linkedin_account(
            "Claire Dubois",
            "Talent Acquisition Lead at Acme",
            ("premium", "recruiter", "sales_navigator"),
            {"premium": 5, "recruiter": 30, "sales_navigator": 12},
        )
        accounts["linkedin_premium"] = account.id
        owner = self.state.attendees[account.self_attendee_id]
        slots: list[int] = []
        minutes = 8.0
        for _ in range(34):
            minutes = minutes * self.rng.uniform(1.15, 1.45) + 5
            slots.append(self.ago(minutes, minutes * 1.05))
        self.rng.shuffle(slots)

        def next_slot() -> int:
            return slots.pop()

        candidates = [
            "Lucas Moreau",
            "Sofia Rossi",
            "Arjun Patel",
            "Ingrid Johansson",
            "Mateus Gonçalves",
            "Aino Virtanen",
        ]
        for index, name in enumerate(candidates):
            person = self.add_person(
                account, Persona(name, "en", index % 3 != 2), "DISTANCE_2" if index % 2 else "DISTANCE_3"
            )
            chat = self.add_chat(account, [person], content_type="inmail", folder=list(LINKEDIN_FOLDERS["recruiter"]))
            end = next_slot()
            subject = "Senior Backend Engineer – Lyon"
            if index % 3 == 1:
                self.add_message(
                    chat,
                    owner,
                    LINES["recruiting"]["en"]["us"][0].format(first=name.split()[0]),
                    end,
                    seen=False,
                    extra={"message_type": "INMAIL", "subject": subject},
                )
                continue
            thread = self.converse(
                chat, "recruiting", self.rng.randint(3, 7), end, outbound_first=True, unread=1 if index == 0 else 0
            )
            thread[0].extra.update({"message_type": "INMAIL", "subject": subject})
            if index == 0:
                chats["inmail_recruiter"] = chat.id
                cv = demo_pdf(f"CV - {name}", ["Senior Backend Engineer", "Python, PostgreSQL, Kubernetes"])
                holder = next(message for message in thread if message.text and "CV" in message.text)
                holder.attachments.append(
                    self.state.make_attachment(account.id, holder.provider_id, cv, "CV_Lucas_Moreau.pdf")
                )

        prospects = [
            ("Maximilian Weber", "DISTANCE_2"),
            ("Elena Popescu", "DISTANCE_1"),
            ("Chinedu Okafor", "DISTANCE_3"),
            ("Giulia Bianchi", "DISTANCE_1"),
        ]
        for name, distance in prospects:
            person = self.add_person(account, Persona(name), distance)
            stranger = distance != "DISTANCE_1"
            chat = self.add_chat(
                account,
                [person],
                folder=list(LINKEDIN_FOLDERS["sales_navigator"]),
                content_type="inmail" if stranger else None,
            )
            thread = self.converse(chat, "sales", self.rng.randint(2, 5), next_slot(), outbound_first=True)
            if stranger:
                thread[0].extra.update({"message_type": "INMAIL", "subject": "Support automation at your team"})

        for name, distance, lang in (("Dmitri Ivanov", "OUT_OF_NETWORK", "en"), ("Yuki Tanaka", "DISTANCE_3", "en")):
            person = self.add_person(account, Persona(name, lang, distance == "DISTANCE_3"), distance)
            chat = self.add_chat(account, [person], content_type="inmail")
            pitch = self.add_message(
                chat,
                person,
                f"Hello Claire, I'm {name.split()[0]} from a staffing agency — would you be open to a partnership "
                "for your engineering hiring this year?",
                next_slot(),
                seen=False,
                extra={"message_type": "INMAIL", "subject": "Partnership for your engineering hiring"},
            )
            chat.unread_count = 1
            if name.startswith("Dmitri"):
                chats["inmail_inbound"] = chat.id
                people["inmail_sender"] = pitch.sender_attendee_id

        sponsor = self.add_person(account, Persona("Northwind Analytics"), "OUT_OF_NETWORK")
        sponsor.specifics = None
        sponsored = self.add_chat(
            account, [sponsor], content_type="sponsored", read_only=1, disabled_features=["reactions", "reply"]
        )
        self.add_message(
            sponsored,
            sponsor,
            SPONSORED_TEXT,
            next_slot(),
            extra={"message_type": "MESSAGE", "attendee_type": "ORGANIZATION"},
        )
        chats["sponsored"] = sponsored.id

        committee = [
            self.add_person(account, Persona(name)) for name in ("Raphaël Blanc", "Océane Faure", "Bruno Lefebvre")
        ]
        committee_chat = self.add_chat(account, committee, name="Hiring committee – Lyon")
        self.converse(committee_chat, "network", 6, next_slot())

        contacts = [
            "Camille Roux",
            "Julia Schneider",
            "Tomás Ruiz",
            "Marta Kowalska",
            "Kenji Watanabe",
            "Amara Diallo",
            "Ingrid Berg",
            "Mikkel Hansen",
            "Eero Korhonen",
            "Katarzyna Zielińska",
            "Nikos Papadopoulos",
            "Eleni Georgiou",
            "Gaëlle Lemaire",
            "Ananya Gupta",
            "Hiroshi Sato",
            "Olivia Brown",
            "Daniel Kim",
            "Fatima Zahra",
            "Pierre Durand",
            "Sebastián Castro",
        ]
        for index, name in enumerate(contacts):
            lang = "fr" if name in ("Camille Roux", "Gaëlle Lemaire", "Pierre Durand") else "en"
            person = self.add_person(account, Persona(name, lang, index % 4 != 3))
            chat = self.add_chat(account, [person])
            self.converse(chat, "network", self.rng.randint(2, 9), next_slot(), unread=1 if index in (0, 5) else 0)
            if index == 0:
                chats["linkedin_connection"] = chat.id
                recipients["linkedin_premium_connection_with_chat"] = person.provider_id

        directory = [
            ("Emma Wagner", "DISTANCE_1", "linkedin_premium_connection"),
            ("Noah Meyer", "DISTANCE_1", None),
            ("Mia Hoffmann", "DISTANCE_1", None),
            ("Ali Hassan", "DISTANCE_2", "linkedin_premium_prospect"),
            ("Leila Haddad", "DISTANCE_2", "linkedin_premium_prospect_2"),
            ("Omar Farouk", "DISTANCE_2", "linkedin_premium_prospect_3"),
            ("Wei Zhang", "DISTANCE_3", "linkedin_premium_prospect_4"),
            ("Sakura Ito", "OUT_OF_NETWORK", "linkedin_premium_out_of_network"),
        ]
        for name, distance, mark in directory:
            person = self.add_person(account, Persona(name, "en", distance != "OUT_OF_NETWORK"), distance)
            if mark:
                recipients[mark] = person.provider_id

    def build_linkedin_classic(self, accounts: dict[str, str], recipients: dict[str, str]) -> None:
        account = self.linkedin_account(
            "Marc Lefèvre",
            "Customer Success Manager at Acme",
            (),
            {"premium": 0, "recruiter": None, "sales_navigator": None},
        )
        accounts["linkedin_classic"] = account.id
        for index, name in enumerate(
            (
                "Agnès Mercier",
                "Jan Novák",
                "Elena Marin",
                "Diego Fernández",
                "Clara Weiss",
                "Samuel Okoro",
                "Inès Moulin",
                "Victor Lambert",
            )
        ):
            person = self.add_person(account, Persona(name, "fr" if index % 2 else "en", index != 3))
            chat = self.add_chat(account, [person])
            self.converse(
                chat,
                "network",
                self.rng.randint(2, 8),
                self.ago(30 + index * 700, 60 + index * 900),
                unread=1 if index == 1 else 0,
            )
        for name, distance, mark in (
            ("Clara Fischer", "DISTANCE_1", "linkedin_classic_connection"),
            ("Jonas Becker", "DISTANCE_1", None),
            ("Rania Khalil", "DISTANCE_2", "linkedin_classic_prospect"),
            ("Pedro Santos", "DISTANCE_2", None),
            ("Marta Nowak", "DISTANCE_3", None),
        ):
            person = self.add_person(account, Persona(name), distance)
            if mark:
                recipients[mark] = person.provider_id

    def build_instagram(self, accounts: dict[str, str], chats: dict[str, str]) -> None:
        user_id = "1784" + self.pids.digits(13)
        account = self.add_account(
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
            person = self.add_person(account, Persona(name, lang, picture))
            chat = self.add_chat(account, [person])
            thread = self.converse(
                chat,
                "support",
                self.rng.randint(2, 7),
                self.ago(45 + index * 1300, 90 + index * 1500),
                unread=1 if index < 2 else 0,
            )
            if index == 0:
                chats["instagram_photo"] = chat.id
                inbound = [message for message in thread if not message.is_sender]
                inbound[0].attachments.append(
                    self.state.make_attachment(account.id, inbound[0].provider_id, self.photo(), "produit.png")
                )

    def build_messenger(self, accounts: dict[str, str], chats: dict[str, str], messages: dict[str, str]) -> None:
        page_id = "1000" + self.pids.digits(11)
        account = self.add_account(
            "Acme Store",
            "MESSENGER",
            250,
            {"id": page_id, "username": "Acme Store"},
            page_id,
            {"provider": "MESSENGER", "provider_id": page_id, "username": "Acme Store", "name": "Acme Store"},
        )
        accounts["messenger"] = account.id
        for index, name in enumerate(
            ("Amelia Johnson", "Bruno Carvalho", "Agnès Perrin", "Noor Rahman", "Isabel Díaz")
        ):
            person = self.add_person(account, Persona(name, "es" if name == "Isabel Díaz" else "en", index != 2))
            chat = self.add_chat(account, [person])
            thread = self.converse(
                chat, "support", self.rng.randint(3, 8), self.ago(200 + index * 2000, 300 + index * 2500)
            )
            if index == 0:
                expired = self.state.make_attachment(account.id, thread[0].provider_id, self.photo(), "photo.png")
                expired.unavailable = True
                thread[0].attachments.append(expired)
                chats["unavailable_attachment"] = chat.id
                messages["unavailable_attachment"] = thread[0].id

    def build_telegram(self, accounts: dict[str, str], chats: dict[str, str]) -> None:
        user_id = self.pids.digits(10)
        account = self.add_account(
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
        li = self.add_person(account, Persona("李小龙", "zh"))
        chinese = self.add_chat(account, [li])
        thread = self.converse(chinese, "support", 6, self.ago(35, 50), unread=1)
        logs = "2024-06-11 14:22:01 ERROR checkout: payment gateway timeout\n2024-06-11 14:22:03 INFO retry 1/3\n"
        thread[-1].attachments.append(
            self.state.make_attachment(account.id, thread[-1].provider_id, logs.encode(), "app-logs.txt")
        )
        chats["chinese"] = chinese.id
        for index, (name, lang) in enumerate(
            (("Ирина Петрова", "ru"), ("Olga Smirnova", "ru"), ("Raphaël Garnier", "fr"))
        ):
            chat = self.add_chat(account, [self.add_person(account, Persona(name, lang, index != 1))])
            self.converse(chat, "support", self.rng.randint(2, 6), self.ago(600 + index * 3000, 900 + index * 3000))
        carrier = self.add_person(account, Persona("Carrier Status Updates"))
        channel = self.add_chat(
            account, [carrier], name="Carrier Status Updates 🚚", chat_type=2, read_only=1, has_picture=True
        )
        self.converse(channel, "channel", 4, self.ago(180, 240), unread=2)
        chats["channel"] = channel.id
        testers = [self.add_person(account, Persona(name)) for name in ("Ivy Chen", "Marco Bruno", "Lena Vogel")]
        beta = self.add_chat(account, testers, name="Beta testers")
        self.converse(beta, "team", 8, self.ago(2 * 1440, 3 * 1440))

    def build_linkedin_disconnected(self, accounts: dict[str, str], chats: dict[str, str]) -> None:
        account = self.linkedin_account(
            "Julien Moreau",
            "Sales Director at Acme",
            ("premium",),
            {"premium": 3, "recruiter": None, "sales_navigator": None},
            status="CREDENTIALS",
        )
        accounts["linkedin_disconnected"] = account.id
        for index, name in enumerate(("Hélène Roy", "Martin Keller", "Aiko Mori")):
            chat = self.add_chat(account, [self.add_person(account, Persona(name))])
            self.converse(chat, "network", 3, self.ago(2 * 1440 + index * 1440, 3 * 1440 + index * 1440))
            if index == 0:
                chats["disconnected"] = chat.id


OCCUPATIONS = [
    "Software Engineer at Globex",
    "Head of Customer Support at Initech",
    "Product Manager at Umbrella",
    "CTO at Hooli",
    "Data Scientist at Stark Industries",
    "Engineering Manager at Wayne Enterprises",
    "Freelance Designer",
    "Operations Lead at Soylent",
]

LOCATIONS = [
    "Paris, Île-de-France, France",
    "Berlin, Germany",
    "Madrid, Spain",
    "London, England, United Kingdom",
    "Lyon, France",
    "Lisbon, Portugal",
    "Remote",
]


def populate(state: SandboxState, seed: int, now: int) -> None:
    """Fill `state` with the demo world for `seed`, dated relative to `now` (epoch ms)."""
    Seeder(state, seed, now).run()


def generated_file(file_name: str) -> tuple[str, bytes]:
    """Mimetype and bytes for a named file without content: a photo for image names, else a small PDF."""
    if file_name.lower().endswith((".png", ".jpg", ".jpeg", ".gif", ".webp")):
        return "image/png", images.photo_png(sum(file_name.encode()))
    return "application/pdf", demo_pdf(file_name, ["Sandbox document"])
