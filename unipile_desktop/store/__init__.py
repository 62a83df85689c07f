"""Qt-free local state of a profile in SQLite: cached API objects, avatars, drafts, the outbox, invitations."""

from .blobs import DEFAULT_BLOB_CAP, Blob, BlobCache
from .cache import CacheTables
from .canned import CannedReply, CannedReplyError, CannedReplyTable, ImportResult
from .database import Database, RecoveryReport, delete_database
from .drafts import NEW_CHAT_DRAFT_KEY, Draft, DraftTable, chat_draft_key
from .errors import ProfileInUseError, StoreCorruptError, StoreError
from .invitations import (
    INVITATION_ROW_STATES,
    UNRESOLVED_INVITATION_STATES,
    InvitationRow,
    InvitationRowState,
    InvitationTable,
)
from .marks import ChatMark, ChatMarkTable, PreferenceTable
from .outbox import (
    OUTBOX_STATES,
    UNFINISHED_STATES,
    Baseline,
    MessageSend,
    NewChatSend,
    OutboxEntry,
    OutboxState,
    OutboxTable,
    Send,
)
from .paths import (
    is_valid_profile_id,
    legacy_profile_id,
    new_profile_id,
    profile_database_path,
    profile_db_path,
    safe_profile_name,
)
from .people import CachedProfile, Note, PeopleTable, normalize_label, person_key, split_person_key
from .schema import MIGRATIONS, SCHEMA_VERSION, StoreVersionError
from .search import SearchHit, SearchTable, fts_query
from .store import UNSENT_STATES, Store, count_unsent_messages

__all__ = [
    "INVITATION_ROW_STATES",
    "UNRESOLVED_INVITATION_STATES",
    "Baseline",
    "DEFAULT_BLOB_CAP",
    "MIGRATIONS",
    "NEW_CHAT_DRAFT_KEY",
    "OUTBOX_STATES",
    "SCHEMA_VERSION",
    "UNFINISHED_STATES",
    "UNSENT_STATES",
    "Blob",
    "CachedProfile",
    "BlobCache",
    "CacheTables",
    "CannedReply",
    "CannedReplyError",
    "CannedReplyTable",
    "ChatMark",
    "ChatMarkTable",
    "Database",
    "Draft",
    "DraftTable",
    "ImportResult",
    "InvitationRow",
    "InvitationRowState",
    "InvitationTable",
    "MessageSend",
    "Note",
    "NewChatSend",
    "OutboxEntry",
    "OutboxState",
    "OutboxTable",
    "PeopleTable",
    "PreferenceTable",
    "ProfileInUseError",
    "RecoveryReport",
    "SearchHit",
    "SearchTable",
    "Send",
    "Store",
    "StoreCorruptError",
    "StoreError",
    "StoreVersionError",
    "chat_draft_key",
    "count_unsent_messages",
    "delete_database",
    "fts_query",
    "is_valid_profile_id",
    "legacy_profile_id",
    "normalize_label",
    "person_key",
    "new_profile_id",
    "profile_database_path",
    "profile_db_path",
    "safe_profile_name",
    "split_person_key",
]
