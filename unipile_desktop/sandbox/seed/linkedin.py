"""The LinkedIn accounts of the demo: premium (InMail, Recruiter, Sales Navigator), classic, and a disconnected one."""

from __future__ import annotations

from ..files import demo_pdf
from ..models import LINKEDIN_FOLDERS, Account
from .lines import LINES
from .people import Persona
from .seeder import Seeder

SPONSORED_TEXT = (
    "Hi Claire, teams like yours cut reply times by 40% with Northwind Analytics. "
    "Book a 15-minute walkthrough this week and get the first month free."
)


def linkedin_account(
    seeder: Seeder,
    name: str,
    headline: str,
    features: tuple[str, ...],
    balance: dict[str, int | None],
    status: str = "OK",
) -> Account:
    first, last = name.split(" ", 1)
    member = seeder.pids.linkedin_member()
    slug = "".join(ch for ch in name.lower().replace(" ", "-") if ch.isascii())
    contract = seeder.pids.digits(9) if features else None
    im: dict[str, object] = {
        "id": member,
        "publicIdentifier": slug,
        "username": f"{first} {last}",
        "premiumId": f"urn:li:fsd_premium:{seeder.pids.digits(8)}" if "premium" in features else None,
        "premiumContractId": contract,
        "premiumFeatures": list(features),
        "organizations": [
            {
                "name": "Acme Corp",
                "messaging_enabled": True,
                "organization_urn": "urn:li:organization:1234567",
                "mailbox_urn": f"urn:li:fsd_profile:{seeder.pids.linkedin_member()}",
            }
        ],
    }
    seats: dict[str, object] = {
        "recruiter": {"owner_seat_id": seeder.pids.digits(9), "contract_id": contract or ""}
        if "recruiter" in features
        else None,
        "sales_navigator": {"owner_seat_id": seeder.pids.digits(9), "contract_id": contract or ""}
        if "sales_navigator" in features
        else None,
    }
    owner: dict[str, object] = {
        "provider": "LINKEDIN",
        "provider_id": member,
        "entity_urn": f"urn:li:fsd_profile:{member}",
        "object_urn": f"urn:li:member:{seeder.pids.digits(9)}",
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
        "organizations": [{"id": "1234567", "mailbox_id": seeder.pids.digits(9), "name": "Acme Corp"}],
    }
    return seeder.add_account(name, "LINKEDIN", 700, im, member, owner, features, balance, status)


def build_linkedin_premium(
    seeder: Seeder, accounts: dict[str, str], chats: dict[str, str], people: dict[str, str], recipients: dict[str, str]
) -> None:
    account = linkedin_account(
        seeder,
        "Claire Dubois",
        "Talent Acquisition Lead at Acme",
        ("premium", "recruiter", "sales_navigator"),
        {"premium": 5, "recruiter": 30, "sales_navigator": 12},
    )
    accounts["linkedin_premium"] = account.id
    owner = seeder.state.attendees[account.self_attendee_id]
    slots: list[int] = []
    minutes = 8.0
    for _ in range(34):
        minutes = minutes * seeder.rng.uniform(1.15, 1.45) + 5
        slots.append(seeder.ago(minutes, minutes * 1.05))
    seeder.rng.shuffle(slots)

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
        person = seeder.add_person(
            account, Persona(name, "en", index % 3 != 2), "DISTANCE_2" if index % 2 else "DISTANCE_3"
        )
        chat = seeder.add_chat(account, [person], content_type="inmail", folder=list(LINKEDIN_FOLDERS["recruiter"]))
        end = next_slot()
        subject = "Senior Backend Engineer – Lyon"
        if index % 3 == 1:
            seeder.add_message(
                chat,
                owner,
                LINES["recruiting"]["en"]["us"][0].format(first=name.split()[0]),
                end,
                seen=False,
                extra={"message_type": "INMAIL", "subject": subject},
            )
            continue
        thread = seeder.converse(
            chat, "recruiting", seeder.rng.randint(3, 7), end, outbound_first=True, unread=1 if index == 0 else 0
        )
        thread[0].extra.update({"message_type": "INMAIL", "subject": subject})
        if index == 0:
            chats["inmail_recruiter"] = chat.id
            cv = demo_pdf(f"CV - {name}", ["Senior Backend Engineer", "Python, PostgreSQL, Kubernetes"])
            holder = next(message for message in thread if message.text and "CV" in message.text)
            holder.attachments.append(
                seeder.state.make_attachment(account.id, holder.provider_id, cv, "CV_Lucas_Moreau.pdf")
            )

    prospects = [
        ("Maximilian Weber", "DISTANCE_2"),
        ("Elena Popescu", "DISTANCE_1"),
        ("Chinedu Okafor", "DISTANCE_3"),
        ("Giulia Bianchi", "DISTANCE_1"),
    ]
    for name, distance in prospects:
        person = seeder.add_person(account, Persona(name), distance)
        stranger = distance != "DISTANCE_1"
        chat = seeder.add_chat(
            account,
            [person],
            folder=list(LINKEDIN_FOLDERS["sales_navigator"]),
            content_type="inmail" if stranger else None,
        )
        thread = seeder.converse(chat, "sales", seeder.rng.randint(2, 5), next_slot(), outbound_first=True)
        if stranger:
            thread[0].extra.update({"message_type": "INMAIL", "subject": "Support automation at your team"})

    for name, distance, lang in (("Dmitri Ivanov", "OUT_OF_NETWORK", "en"), ("Yuki Tanaka", "DISTANCE_3", "en")):
        person = seeder.add_person(account, Persona(name, lang, distance == "DISTANCE_3"), distance)
        chat = seeder.add_chat(account, [person], content_type="inmail")
        pitch = seeder.add_message(
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

    sponsor = seeder.add_person(account, Persona("Northwind Analytics"), "OUT_OF_NETWORK")
    sponsor.specifics = None
    sponsored = seeder.add_chat(
        account, [sponsor], content_type="sponsored", read_only=1, disabled_features=["reactions", "reply"]
    )
    seeder.add_message(
        sponsored,
        sponsor,
        SPONSORED_TEXT,
        next_slot(),
        extra={"message_type": "MESSAGE", "attendee_type": "ORGANIZATION"},
    )
    chats["sponsored"] = sponsored.id

    committee = [
        seeder.add_person(account, Persona(name)) for name in ("Raphaël Blanc", "Océane Faure", "Bruno Lefebvre")
    ]
    committee_chat = seeder.add_chat(account, committee, name="Hiring committee – Lyon")
    seeder.converse(committee_chat, "network", 6, next_slot())

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
        person = seeder.add_person(account, Persona(name, lang, index % 4 != 3))
        chat = seeder.add_chat(account, [person])
        seeder.converse(chat, "network", seeder.rng.randint(2, 9), next_slot(), unread=1 if index in (0, 5) else 0)
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
        person = seeder.add_person(account, Persona(name, "en", distance != "OUT_OF_NETWORK"), distance)
        if mark:
            recipients[mark] = person.provider_id


def build_linkedin_classic(seeder: Seeder, accounts: dict[str, str], recipients: dict[str, str]) -> None:
    account = linkedin_account(
        seeder,
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
        person = seeder.add_person(account, Persona(name, "fr" if index % 2 else "en", index != 3))
        chat = seeder.add_chat(account, [person])
        seeder.converse(
            chat,
            "network",
            seeder.rng.randint(2, 8),
            seeder.ago(30 + index * 700, 60 + index * 900),
            unread=1 if index == 1 else 0,
        )
    for name, distance, mark in (
        ("Clara Fischer", "DISTANCE_1", "linkedin_classic_connection"),
        ("Jonas Becker", "DISTANCE_1", None),
        ("Rania Khalil", "DISTANCE_2", "linkedin_classic_prospect"),
        ("Pedro Santos", "DISTANCE_2", "linkedin_classic_prospect_2"),
        ("Marta Nowak", "DISTANCE_3", None),
    ):
        person = seeder.add_person(account, Persona(name), distance)
        if mark:
            recipients[mark] = person.provider_id


def build_linkedin_disconnected(seeder: Seeder, accounts: dict[str, str], chats: dict[str, str]) -> None:
    account = linkedin_account(
        seeder,
        "Julien Moreau",
        "Sales Director at Acme",
        ("premium",),
        {"premium": 3, "recruiter": None, "sales_navigator": None},
        status="CREDENTIALS",
    )
    accounts["linkedin_disconnected"] = account.id
    for index, name in enumerate(("Hélène Roy", "Martin Keller", "Aiko Mori")):
        chat = seeder.add_chat(account, [seeder.add_person(account, Persona(name))])
        seeder.converse(chat, "network", 3, seeder.ago(2 * 1440 + index * 1440, 3 * 1440 + index * 1440))
        if index == 0:
            chats["disconnected"] = chat.id
