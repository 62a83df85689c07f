"""The durable outbox: sending ordered per chat, retried only when safe, reconciled on proof only.

Pure asyncio, no Qt: the soak test drives it directly and a thin Qt wrapper forwards its listener calls as
signals. Unipile sends carry no idempotency key, so the rules that keep a send from being lost or duplicated
live here: ``engine`` runs the lanes and the attempts, ``reconcile`` judges from the server's messages whether a
send arrived, ``policy`` holds the timings and decides what comes next after each outcome.

- An entry is written to the outbox (``queued``) before anything else. Before each attempt the engine lists
  the chat's newest page and records those message ids (the *baseline*; for a new chat, the account's chats
  and their last activity); then the entry is marked ``sending`` (attempt counter +1) in the database,
  together with the baseline, before its request goes out. If that listing fails, nothing was sent: the entry
  waits like after a certain failure. A send accepted without an id looks up its own copy at once, so that no
  identical message can claim it; until it is found, identical messages in that chat wait.
- Failures that certainly did not reach the server (connection refused, 429, 503, which the client reports
  with ``may_have_reached_server`` False) go back to ``queued`` and are retried with exponential backoff and
  jitter, honouring a 429's ``retry_after``; there is no attempt limit, so sends made offline go out when the
  server is back (``wake()`` retries at once, e.g. when the sync sees the network return).
- Every ambiguous outcome (timeout or dropped connection after the body went out, 500/502/504, an unreadable
  answer, the app closed mid-request, the process killed) becomes ``unknown`` with one settle window
  (``settle_window``, from the moment the outcome was seen; after a kill, from the restart). The engine looks
  at ``settle_delay`` and then every ``check_interval``: a message counts as this send only if it is *new
  since the baseline* (above the baseline's ids in the newest-first listing), ours (``is_sender``), with the
  same content, and claimed by no other entry. Exactly one such message: ``sent``. None, once the window has
  passed: proof of absence, sent again. After ``max_ambiguous_attempts`` proven-absent attempts: ``failed``.
- When the evidence stays ambiguous (more than one new copy after a single attempt, the baseline not found
  within the pages read, a check refused, an identical message of ours whose copy is not attributed yet), the
  entry becomes ``unsure``: the person decides with Check again
  (``check_again``), Send again (``send_again``) or It was sent (``confirm_sent``). Never sent without proof
  of absence, never marked sent without proof of presence. An identical message waits while an ``unsure``
  one is still within its window: its late copy must land before the next baseline is taken.
- A sent entry that went through an ambiguous attempt is watched for a while: ``note_messages`` (called by the
  sync with every batch) records extra copies in ``duplicate_ids``, so the bubble can say "Sent twice".
- A new chat (``POST /chats``) is never sent again automatically after an ambiguous failure: Unipile creates
  and syncs the chat in its own time, and a repeat can cost a LinkedIn InMail credit and reach the person
  twice. The engine looks for it at ``new_chat_checks`` (about 5 s, 30 s and 2 min after the attempt); if it
  never shows, the entry fails with "It may have been sent — check … before sending again". Only the user's
  Retry sends it again (after one more look).
- Other 4xx (and 501) become ``failed`` with the error's sentence; the UI offers Retry (``retry``), Edit (the
  entry's ``send`` data, then ``discard``) and Discard (``discard``).
- Order: one chat's entries go strictly one after another (a "lane"); different chats proceed concurrently.
  A ``failed`` or ``unsure`` entry leaves its lane so later messages are not blocked behind a question only
  the user can answer; a retried entry goes to the end of its lane. An ``unknown`` entry does block its lane:
  sending the next message before knowing whether this one arrived could reorder them.

Known limits (no server-side idempotency exists): a copy of the same text stored from the same account by
someone else (the agent's phone, a colleague) *after* the attempt began cannot be told apart from a late copy
of ours; if our request was lost at the same time, that copy is taken for ours, and within
``duplicate_watch`` such a copy can be flagged "Sent twice". A copy the server stores after the settle window
has passed (and after the message was sent again) is a real duplicate: it is flagged, not prevented.
"""

from .engine import Listener, OutboxEngine, OutboxError
from .policy import NEW_CHAT_UNCONFIRMED, NOT_SURE, RetryPolicy

__all__ = [
    "Listener",
    "NEW_CHAT_UNCONFIRMED",
    "NOT_SURE",
    "OutboxEngine",
    "OutboxError",
    "RetryPolicy",
]
