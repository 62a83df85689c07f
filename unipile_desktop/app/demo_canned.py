"""The demo profile's canned replies: five everyday support answers in English, French and German."""

from __future__ import annotations

from ..store.canned import DEMO_INSTALLED_KEY
from ..store.store import Store

DEMO_REPLIES: tuple[tuple[str, str, str], ...] = (
    (
        "Order delayed",
        "delay",
        "Hi {first_name}, thanks for your patience. Your order is delayed by about two days because of a backlog "
        "at our carrier; you will get a tracking update as soon as it leaves the depot. Sorry for the wait!\n"
        "{agent_name}, {account_name}",
    ),
    (
        "Refund confirmed",
        "refund",
        "Hello {first_name}, I have just approved your refund ({date}). It usually reaches your account within "
        "5 to 7 working days, depending on your bank. Is there anything else I can help you with?\n{agent_name}",
    ),
    (
        "Retard de livraison (FR)",
        "retard",
        "Bonjour {first_name}, merci pour votre patience. Votre commande a pris un peu de retard chez notre "
        "transporteur ; vous recevrez le lien de suivi dès son départ de l'entrepôt. Nous sommes désolés pour "
        "l'attente.\n{agent_name}, service client {account_name}",
    ),
    (
        "Rückerstattung (DE)",
        "erstattung",
        "Hallo {first_name}, vielen Dank für Ihre Nachricht. Ich habe Ihre Rückerstattung heute ({date}) "
        "veranlasst. Der Betrag ist je nach Bank in 5 bis 7 Werktagen auf Ihrem Konto.\nViele Grüße, "
        "{agent_name}",
    ),
    (
        "Opening hours",
        "hours",
        "Hi {first_name}, our support team answers here Monday to Friday, 9:00 to 18:00 (CET). Messages sent "
        "outside those hours are answered first thing the next working day. Thanks for contacting "
        "{account_name}!",
    ),
)


def install_demo_replies(store: Store) -> int:
    """Add the demo's replies once per profile (deleting them later does not bring them back); returns how many."""
    if store.preferences.get(DEMO_INSTALLED_KEY, False):
        return 0
    existing = {reply.shortcut for reply in store.canned.list()}
    added = 0
    for title, shortcut, body in DEMO_REPLIES:
        if shortcut not in existing:
            store.canned.add(title, shortcut, body)
            added += 1
    store.preferences.set(DEMO_INSTALLED_KEY, True)
    return added
