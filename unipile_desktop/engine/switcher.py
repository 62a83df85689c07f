"""The quick switcher's matcher: every chat on the profile, found by a few typed letters (Qt-free).

A query is compared with each chat's title, the names of its attendees, their handles (phone numbers, LinkedIn
ids) and the account's name, without case or accents ("zoe" finds "Zoë"). Better kinds of match rank first:

=====  ==============================================================================================
score  the query is…
=====  ==============================================================================================
100    the whole title, a whole name or a whole handle
90     the start of the title, of a name or of a handle ("4915" or "+49 15" for ``4915…@s.whatsapp.net``)
70     the starts of words in order ("mul" or "zoe mu" for "Zoë Müller") or initials ("zm")
60     the start of the account's name
55     the starts of words of the account's name
50     inside the title, a name or a handle
45     several words each starting a word somewhere in the chat ("zoe acme": a name and the account)
30     inside the account's name
20     the letters of the title or a name, in order, with gaps ("zmlr" for "Zoë Müller")
=====  ==============================================================================================

Chats with the same score keep one order: waiting for an answer first, then the most recent activity first, which
is also what an empty query lists. Handles ignore spaces, ``+``, ``-``, dots and brackets and the WhatsApp suffix.

The index keeps each kind of text as one large string (one line per chat, in rank order) and answers each score
with one regular expression over it, so a keystroke costs a few scans in C rather than a Python loop over 10,000
chats: whole titles, names and handles are looked up in a dict, the few distinct account names are compared one by
one, and the scans stop at the score that fills the list. When the query extends the previous one and that one's
matches were all found, only those are searched (typing on narrows). Only the chats shown are then scored field by
field, to say which name or handle matched. Plain Python: about 3 ms a keystroke at 10,000 chats (tests/perf).
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

EXACT = 100
PREFIX = 90
WORDS = 70
ACCOUNT_PREFIX = 60
ACCOUNT_WORDS = 55
SUBSTRING = 50
SPREAD_WORDS = 45
ACCOUNT_SUBSTRING = 30
SUBSEQUENCE = 20

DEFAULT_LIMIT = 50

# Separators inside the index's strings; they never survive in a query (see _Query).
_LINE = "\n"
_FIELD = "\x1f"  # before each field (title, a name, a handle)
_WORD = "\x1d"  # before each word, in the words strings
_ROW = "\x1e"  # before the chat's row number, at the end of its line
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_WORD_CHARS = re.compile(r"\w+")
_HANDLE_NOISE = re.compile(r"[\s+\-.()]+")
_HANDLE_SUFFIX = re.compile(r"@(?:s\.whatsapp\.net|c\.us|g\.us|lid)$", re.IGNORECASE)
_TAIL = r"[^\n\x1e]*\x1e(\d+)"  # the rest of the line and its row number: one match per line at most
_CHECK_ONE_BY_ONE = 300  # fewer candidate rows than this: check a word on each rather than scan everything
_NARROW_BELOW = 4000  # the previous query matched at most this many chats: search only those


class _WithoutMarks(dict[int, int | None]):
    """A str.translate table that drops combining marks (accents after NFKD); filled in as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold_for_search(text: str) -> str:
    """Text as searches compare it: without case or accents, so "zoe" finds "Zoë" and "helene" "Hélène".

    The one rule for the switcher and the chat list's filter box (``ui.chat_list`` imports it from here)."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).translate(_WITHOUT_MARKS)


def handle_key(handle: str) -> str:
    """A handle as it is matched: folded, without the WhatsApp suffix, spaces, ``+``, ``-``, dots or brackets;
    "+49 151-234" and ``49151234@s.whatsapp.net`` both give "49151234"."""
    return _HANDLE_NOISE.sub("", _CONTROL.sub("", fold_for_search(_HANDLE_SUFFIX.sub("", handle.strip()))))


def readable_handle(handle: str) -> str:
    """A handle for people: ``4915123@s.whatsapp.net`` -> ``+4915123``; other handles unchanged."""
    stripped = handle.strip()
    local = _HANDLE_SUFFIX.sub("", stripped)
    if local != stripped and local.isdigit():
        return "+" + local
    return stripped


@dataclass(frozen=True, slots=True)
class SwitcherItem:
    """One chat the switcher can open."""

    chat_id: str
    title: str
    names: tuple[str, ...] = ()  # the attendees' names
    handles: tuple[str, ...] = ()  # their provider ids: phone numbers, LinkedIn ids…
    account: str = ""  # the account's name
    last_activity_ms: int | None = None
    waiting: bool = False  # the customer waits for an answer


class MatchField(enum.StrEnum):
    NONE = "none"  # empty query: nothing was matched
    TITLE = "title"
    NAME = "name"
    HANDLE = "handle"
    ACCOUNT = "account"
    WORDS = "words"  # words spread over several fields


@dataclass(frozen=True, slots=True)
class SwitcherMatch:
    item: SwitcherItem
    score: int
    field: MatchField
    matched: str  # the text that matched, as given (a name, a handle, the account); "" for NONE and WORDS


@dataclass(frozen=True, slots=True)
class _Query:
    folded: str  # folded, control characters dropped, runs of spaces as one
    tokens: tuple[str, ...]  # its words
    compact: str  # its words run together (for initials)
    squeezed: str  # without spaces (for subsequences)
    handle: str  # as handles are matched

    @classmethod
    def parse(cls, text: str) -> _Query:
        folded = _clean(text)
        tokens = tuple(_WORD_CHARS.findall(folded))
        return cls(folded, tokens, "".join(tokens), folded.replace(" ", ""), handle_key(folded))


def _clean(text: str) -> str:
    """Folded, control characters as spaces, runs of spaces as one: how every field and query is compared."""
    return " ".join(_CONTROL.sub(" ", fold_for_search(text)).split())


def _words(folded: str) -> list[str]:
    return _WORD_CHARS.findall(folded)


def _initials(words: Sequence[str]) -> str:
    return "".join(word[0] for word in words)


def _words_in_order(tokens: Sequence[str], words: Sequence[str]) -> bool:
    """Each token starts a word, each a later word than the one before (greedy earliest is enough)."""
    position = 0
    for token in tokens:
        while position < len(words) and not words[position].startswith(token):
            position += 1
        if position == len(words):
            return False
        position += 1
    return True


def _is_subsequence(needle: str, haystack: str) -> bool:
    letters = iter(haystack)
    return all(char in letters for char in needle)


@dataclass(frozen=True, slots=True)
class _Field:
    """A title, name or account name as it is compared: through _clean, and its words."""

    text: str
    words: tuple[str, ...]

    @classmethod
    def of(cls, raw: str) -> _Field:
        text = _clean(raw)
        return cls(text, tuple(_words(text)))


@dataclass(frozen=True, slots=True)
class _Prepared:
    """What scoring one chat needs, computed once per index."""

    title: _Field
    names: tuple[_Field, ...]
    handles: tuple[str, ...]  # through handle_key
    account: _Field

    @classmethod
    def of(cls, item: SwitcherItem) -> _Prepared:
        return cls(
            _Field.of(item.title),
            tuple(_Field.of(name) for name in item.names),
            tuple(handle_key(handle) for handle in item.handles),
            _Field.of(item.account),
        )


def _text_score(query: _Query, field: _Field) -> int:
    """The score of one title or name for ``query``: EXACT, PREFIX, WORDS, SUBSTRING, SUBSEQUENCE or 0."""
    text = field.text
    needle = query.folded
    if text == needle:
        return EXACT
    if text.startswith(needle):
        return PREFIX
    if query.tokens and (
        _words_in_order(query.tokens, field.words)
        or len(query.compact) >= 2
        and query.compact in _initials(field.words)
    ):
        return WORDS
    if needle in text:
        return SUBSTRING
    if len(query.squeezed) >= 2 and _is_subsequence(query.squeezed, text):
        return SUBSEQUENCE
    return 0


def _handle_score(query: _Query, key: str) -> int:
    needle = query.handle
    if not needle or not key:
        return 0
    if key == needle:
        return EXACT
    if key.startswith(needle):
        return PREFIX
    if len(needle) >= 2 and needle in key:
        return SUBSTRING
    return 0


def _account_score(query: _Query, account: _Field) -> int:
    needle = query.folded
    if account.text.startswith(needle):
        return ACCOUNT_PREFIX
    if query.tokens and _words_in_order(query.tokens, account.words):
        return ACCOUNT_WORDS
    if needle in account.text:
        return ACCOUNT_SUBSTRING
    return 0


def _token_found(token: str, token_key: str, prepared: _Prepared) -> bool:
    """The token starts a word of the title, a name or the account, or starts a handle."""
    fields = (prepared.title, *prepared.names, prepared.account)
    return (
        any(word.startswith(token) for field in fields for word in field.words)
        or bool(token_key)
        and any(key.startswith(token_key) for key in prepared.handles if key)
    )


def _spread(query: _Query, prepared: _Prepared) -> bool:
    """Several query words, each starting a word of the title, a name or the account, or starting a handle."""
    if len(query.tokens) < 2:
        return False
    return all(_token_found(token, handle_key(token), prepared) for token in query.tokens)


def score(query: str, text: str) -> int:
    """How well ``text`` (a command's title, say) matches ``query`` by the title rules; 0 when it does not."""
    parsed = _Query.parse(query)
    if not parsed.folded:
        return 0
    return _text_score(parsed, _Field.of(text))


def describe(query: str, item: SwitcherItem) -> SwitcherMatch:
    """Score one chat field by field (the best field wins; on a tie title, then names, handles, the account)."""
    parsed = _Query.parse(query)
    if not parsed.folded:
        return SwitcherMatch(item, 0, MatchField.NONE, "")
    return _describe(parsed, item, _Prepared.of(item))


def _describe_known(query: _Query, item: SwitcherItem, prepared: _Prepared, points: int) -> SwitcherMatch:
    """What ``_describe`` says, for a chat the index found at ``points``: the first field scoring that is the one
    (scores of the account and of words spread over fields are theirs alone)."""
    if points in (ACCOUNT_PREFIX, ACCOUNT_WORDS, ACCOUNT_SUBSTRING):
        return SwitcherMatch(item, points, MatchField.ACCOUNT, item.account)
    if points == SPREAD_WORDS:
        return SwitcherMatch(item, points, MatchField.WORDS, "")
    if points in (EXACT, PREFIX, WORDS, SUBSTRING, SUBSEQUENCE):
        if _text_score(query, prepared.title) == points:
            return SwitcherMatch(item, points, MatchField.TITLE, item.title)
        for name, raw in zip(prepared.names, item.names, strict=True):
            if _text_score(query, name) == points:
                return SwitcherMatch(item, points, MatchField.NAME, raw)
        for key, raw in zip(prepared.handles, item.handles, strict=True):
            if _handle_score(query, key) == points:
                return SwitcherMatch(item, points, MatchField.HANDLE, raw)
    return _describe(query, item, prepared)


def _describe(query: _Query, item: SwitcherItem, prepared: _Prepared) -> SwitcherMatch:
    best = SwitcherMatch(item, _text_score(query, prepared.title), MatchField.TITLE, item.title)
    scored: list[tuple[int, MatchField, str]] = [
        *(
            (_text_score(query, name), MatchField.NAME, raw)
            for name, raw in zip(prepared.names, item.names, strict=True)
        ),
        *(
            (_handle_score(query, key), MatchField.HANDLE, raw)
            for key, raw in zip(prepared.handles, item.handles, strict=True)
        ),
        (_account_score(query, prepared.account), MatchField.ACCOUNT, item.account),
    ]
    for found, field, text in scored:
        if found > best.score:
            best = SwitcherMatch(item, found, field, text)
    if best.score < SPREAD_WORDS and _spread(query, prepared):
        best = SwitcherMatch(item, SPREAD_WORDS, MatchField.WORDS, "")
    if best.score == 0:
        return SwitcherMatch(item, 0, MatchField.NONE, "")
    return best


def _rank_key(item: SwitcherItem) -> tuple[bool, int]:
    return (not item.waiting, -(item.last_activity_ms if item.last_activity_ms is not None else -(2**62)))


def _line(fields: Iterable[str], row: int) -> str:
    return "".join(_FIELD + field for field in fields) + _ROW + str(row)


def _words_line(fields: Iterable[Sequence[str]], row: int) -> str:
    return "".join(_FIELD + "".join(_WORD + word for word in words) for words in fields) + _ROW + str(row)


def _in_order(tokens: Sequence[str]) -> str:
    """A pattern for the tokens starting words in order, within one field of a words string."""
    return "[^\n\x1e\x1f]*?".join(f"\x1d{re.escape(token)}" for token in tokens)


def _class_without(char: str) -> str:
    return "[^\\n\\x1e\\x1f" + re.escape(char) + "]*+"


_Lines = tuple[str, str, str, str, str]


@dataclass(frozen=True, slots=True)
class _Blobs:
    """The index's strings, one line per chat (of all chats, or of the candidates left by the previous query)."""

    texts: str  # titles and names
    words: str  # their words, each after _WORD
    initials: str
    handles: str  # through handle_key
    both: str  # titles, names and handles: one scan when the query is the same for both

    @classmethod
    def join(cls, lines: Sequence[_Lines]) -> _Blobs:
        columns = zip(*lines, strict=True) if lines else ((), (), (), (), ())
        texts, words, initials, handles, both = (_LINE.join(column) for column in columns)
        return cls(texts, words, initials, handles, both)


def _rows(pattern: str, text: str) -> set[int]:
    return set(map(int, re.findall(pattern, text)))


def _narrows(previous: _Query, query: _Query) -> bool:
    """Every chat matching ``query`` also matches ``previous`` (typing on: "mar" after "ma")."""
    if not previous.folded or not query.folded.startswith(previous.folded):
        return False
    if not query.handle.startswith(previous.handle):
        return False  # a suffix such as "@lid" completed
    return len(previous.handle) >= 2 or previous.handle == query.handle  # a 1-digit handle matches no substring


class SwitcherIndex:
    """Chats prepared for matching; build one when the switcher opens, then call ``match`` on each keystroke.

    When a query extends the previous one (the person typed on), only the previous query's matches are searched.
    Duplicate chat ids keep their first item."""

    def __init__(self, items: Iterable[SwitcherItem]) -> None:
        unique: dict[str, SwitcherItem] = {}
        for item in items:
            unique.setdefault(item.chat_id, item)
        self._items: list[SwitcherItem] = sorted(unique.values(), key=_rank_key)
        self._prepared = [_Prepared.of(item) for item in self._items]
        self._lines: list[_Lines] = []
        self._exact: dict[str, set[int]] = {}  # a title's or name's text -> rows
        self._exact_handles: dict[str, set[int]] = {}
        accounts: dict[_Field, list[int]] = {}  # few accounts, many chats: accounts are matched one by one
        for row, prepared in enumerate(self._prepared):
            fields = (prepared.title, *prepared.names)
            texts = [field.text for field in fields]
            self._lines.append(
                (
                    _line(texts, row),
                    _words_line((field.words for field in fields), row),
                    _line((_initials(field.words) for field in fields), row),
                    _line(prepared.handles, row),
                    _line((*texts, *prepared.handles), row),
                )
            )
            for text in texts:
                self._exact.setdefault(text, set()).add(row)
            for key in prepared.handles:
                self._exact_handles.setdefault(key, set()).add(row)
            accounts.setdefault(prepared.account, []).append(row)
        self._all = _Blobs.join(self._lines)
        self._accounts = [(account, frozenset(rows)) for account, rows in accounts.items()]
        self._previous: tuple[_Query, set[int]] | None = None  # a query and every row it matched

    def __len__(self) -> int:
        return len(self._items)

    @property
    def items(self) -> list[SwitcherItem]:
        """The chats in rank order: waiting first, then the most recent."""
        return list(self._items)

    def match(self, query: str, limit: int = DEFAULT_LIMIT) -> list[SwitcherMatch]:
        """The best ``limit`` chats for ``query``, best first; an empty query lists the waiting, then the recent."""
        parsed = _Query.parse(query)
        if limit <= 0:
            return []
        if not parsed.folded:
            return [SwitcherMatch(item, 0, MatchField.NONE, "") for item in self._items[:limit]]
        candidates: set[int] | None = None
        blobs = self._all
        previous = self._previous
        if previous is not None and _narrows(previous[0], parsed) and len(previous[1]) <= _NARROW_BELOW:
            candidates = previous[1]
            blobs = _Blobs.join([self._lines[row] for row in sorted(candidates)])
        complete = candidates is not None  # a small search: find every match, for the next keystroke to narrow
        taken: set[int] = set()
        rows: list[tuple[int, int]] = []  # (row, score)
        for points, finders in self._plan(parsed, blobs):
            found: set[int] = set()
            for finder in finders:
                found |= finder()
            if candidates is not None:
                found &= candidates
            found -= taken
            taken |= found
            rows.extend(zip(sorted(found), itertools.repeat(points)))
            if len(rows) >= limit and not complete:
                break
        else:
            complete = True
        self._previous = (parsed, taken) if complete else None
        return [_describe_known(parsed, self._items[row], self._prepared[row], points) for row, points in rows[:limit]]

    def _plan(self, query: _Query, blobs: _Blobs) -> list[tuple[int, list[Callable[[], set[int]]]]]:
        """(score, finders) from the best score down; each finder returns the rows matching at that score."""
        needle = re.escape(query.folded)
        plan: dict[int, list[Callable[[], set[int]]]] = {}

        def add(points: int, pattern: str, text: str) -> None:
            plan.setdefault(points, []).append(functools.partial(_rows, pattern, text))

        plan[EXACT] = [functools.partial(set, self._exact.get(query.folded, ()))]
        if query.handle:
            plan[EXACT].append(functools.partial(set, self._exact_handles.get(query.handle, ())))
        if query.handle == query.folded and len(query.handle) >= 2:  # one scan for names and handles
            add(PREFIX, f"\x1f{needle}{_TAIL}", blobs.both)
            add(SUBSTRING, needle + _TAIL, blobs.both)
        else:
            add(PREFIX, f"\x1f{needle}{_TAIL}", blobs.texts)
            add(SUBSTRING, needle + _TAIL, blobs.texts)
            if query.handle:
                key = re.escape(query.handle)
                add(PREFIX, f"\x1f{key}{_TAIL}", blobs.handles)
                if len(query.handle) >= 2:
                    add(SUBSTRING, f"{key}{_TAIL}", blobs.handles)
        if query.tokens:
            add(WORDS, _in_order(query.tokens) + _TAIL, blobs.words)
            if len(query.compact) >= 2:
                add(WORDS, re.escape(query.compact) + _TAIL, blobs.initials)
        if len(query.squeezed) >= 2:
            chars = list(query.squeezed)
            pattern = re.escape(chars[0]) + "".join(_class_without(char) + re.escape(char) for char in chars[1:])
            add(SUBSEQUENCE, pattern + _TAIL, blobs.texts)
        by_account: dict[int, set[int]] = {}
        for account, account_rows in self._accounts:
            points = _account_score(query, account)
            if points:
                by_account.setdefault(points, set()).update(account_rows)
        for points, scored_rows in by_account.items():
            plan.setdefault(points, []).append(functools.partial(set, scored_rows))
        if len(query.tokens) >= 2:
            plan.setdefault(SPREAD_WORDS, []).append(functools.partial(self._spread_rows, query, blobs))
        return sorted(plan.items(), key=lambda pair: -pair[0])

    def _spread_rows(self, query: _Query, blobs: _Blobs) -> set[int]:
        """Rows where every query word starts a word (of any field) or a handle: the longest word is looked up
        first, the others are checked on its rows one by one when there are few."""
        tokens = sorted(query.tokens, key=len, reverse=True)
        rows = self._token_rows(tokens[0], blobs)
        for token in tokens[1:]:
            if not rows:
                break
            if len(rows) <= _CHECK_ONE_BY_ONE:
                key = handle_key(token)
                rows = {row for row in rows if _token_found(token, key, self._prepared[row])}
            else:
                rows &= self._token_rows(token, blobs)
        return rows

    def _token_rows(self, token: str, blobs: _Blobs) -> set[int]:
        rows = _rows(f"\x1d{re.escape(token)}{_TAIL}", blobs.words)
        key = handle_key(token)
        if key:
            rows |= _rows(f"\x1f{re.escape(key)}{_TAIL}", blobs.handles)
        for account, account_rows in self._accounts:
            if any(word.startswith(token) for word in account.words):
                rows |= account_rows
        return rows


def match(query: str, items: Iterable[SwitcherItem], limit: int = DEFAULT_LIMIT) -> list[SwitcherMatch]:
    """``SwitcherIndex(items).match(query, limit)``, for a one-off question; keep the index between keystrokes."""
    return SwitcherIndex(items).match(query, limit)


def detail_text(found: SwitcherMatch) -> str:
    """The second line of a row: the account, and the name or handle that matched when it is not the title
    ("Acme WhatsApp · +4915123…"); with no such match, the first attendee name differing from the title, else the
    first handle."""
    item = found.item
    extra = ""
    if found.field is MatchField.NAME and found.matched != item.title:
        extra = found.matched
    elif found.field is MatchField.HANDLE:
        extra = readable_handle(found.matched)
    else:
        others = [name for name in item.names if name and name != item.title]
        if others:
            extra = ", ".join(others[:3])
        elif item.handles:
            extra = readable_handle(item.handles[0])
    return " · ".join(part for part in (item.account, extra) if part)
