"""Invitations the demo's connected LinkedIn accounts have already sent, so the sent list is not empty at first."""

from __future__ import annotations

from ..invitations import record_invitation
from ..state import Landmarks
from .seeder import DAY, HOUR, Seeder

# (account landmark, person, days ago, note). Each account keeps at least two 2nd-degree people un-invited:
# premium Ali Hassan, Leila Haddad, Omar Farouk; classic Rania Khalil, Pedro Santos.
SENT = (
    (
        "linkedin_premium",
        "Maximilian Weber",
        2,
        "Hi Maximilian, thanks for the chat about support automation. Happy to stay in touch here.",
    ),
    ("linkedin_premium", "Wei Zhang", 9, None),
    (
        "linkedin_premium",
        "Chinedu Okafor",
        0,
        "Hello Chinedu, we are hiring backend engineers in Lyon and your profile caught my eye.",
    ),
    ("linkedin_classic", "Marta Nowak", 4, "Hi Marta, we met at the customer success meetup in Kraków. Let's connect!"),
)


def build_invitations(seeder: Seeder, marks: Landmarks) -> None:
    """Record the invitations of SENT; the invited people carry `pending_invitation: true`."""
    state = seeder.state
    for account_mark, name, days_ago, note in SENT:
        account = state.accounts[marks.accounts[account_mark]]
        person = next(
            attendee
            for attendee in state.attendees.values()
            if attendee.account_id == account.id and attendee.name == name
        )
        sent_at = seeder.now - days_ago * DAY - seeder.rng.randint(1, 20) * HOUR // 4
        record_invitation(state, account, person, note, sent_at)
        marks.recipients.setdefault(f"{account_mark}_invited", person.provider_id)
