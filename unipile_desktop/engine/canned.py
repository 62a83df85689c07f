"""Filling a canned reply's variables, and choosing replies as the agent types (pure functions, no Qt).

A template names variables in braces: ``Hello {first_name}``. ``{{`` and ``}}`` stand for literal braces. A variable
that is unknown or has no value is left in the text as typed (``{first_name}``) and its place is reported, so the
composer can mark it and refuse to send until the agent fixes it: nothing goes out with a silent blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from ..texts import translate
from .switcher import fold_for_search

VARIABLES = ("first_name", "name", "account_name", "agent_name", "date")
VARIABLE_HELP: Mapping[str, str] = {
    "first_name": "the customer's first name (in a one-to-one chat)",
    "name": "the customer's full name (in a one-to-one chat)",
    "account_name": "the name of the account the chat belongs to",
    "agent_name": "your name, as set in the canned replies window",
    "date": "today's date, written the short way for your language",
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")
_KNOWN_IN_TEXT = re.compile(r"\{(" + "|".join(VARIABLES) + r")\}")

Span = tuple[int, int, str]  # start, end (exclusive) in the filled text, variable name


@dataclass(frozen=True, slots=True)
class Filled:
    text: str
    unfilled: tuple[Span, ...]  # each variable left as "{name}": where it is and which

    @property
    def complete(self) -> bool:
        return not self.unfilled


def fill(
    template: str,
    values: Mapping[str, str | None],
    *,
    today: date,
    format_date: Callable[[date], str] | None = None,
) -> Filled:
    """The template with its variables replaced by ``values`` (see the module's docstring).

    ``{date}`` is ``values["date"]`` when given, else ``format_date(today)`` (the ui passes the locale's short
    date), else ``today.isoformat()``. Values are inserted as they are: braces in a customer's name are not read
    as variables.
    """
    parts: list[str] = []
    unfilled: list[Span] = []
    length = 0
    last = 0
    for match in _TOKEN.finditer(template):
        literal = template[last : match.start()]
        parts.append(literal)
        length += len(literal)
        last = match.end()
        token = match.group(0)
        name = match.group(1)
        if name is None:  # "{{" or "}}"
            parts.append(token[0])
            length += 1
            continue
        value = _value(name, values, today, format_date)
        if value:
            parts.append(value)
            length += len(value)
        else:
            parts.append(token)
            unfilled.append((length, length + len(token), name))
            length += len(token)
    parts.append(template[last:])
    return Filled("".join(parts), tuple(unfilled))


def _value(
    name: str, values: Mapping[str, str | None], today: date, format_date: Callable[[date], str] | None
) -> str | None:
    if name not in VARIABLES:
        return None
    value = values.get(name)
    if value is not None and value.strip():
        return value.strip()
    if name == "date":
        return format_date(today) if format_date is not None else today.isoformat()
    return None


def known_variables_in(text: str) -> tuple[Span, ...]:
    """Where ``{first_name}``-style placeholders of the known variables stand in ``text`` (a restored draft)."""
    return tuple((m.start(), m.end(), m.group(1)) for m in _KNOWN_IN_TEXT.finditer(text))


def variables_used(template: str) -> tuple[str, ...]:
    """The variable names a template uses, in order of first use (escaped braces are not variables)."""
    names = [m.group(1) for m in _TOKEN.finditer(template) if m.group(1)]
    return tuple(dict.fromkeys(names))


def refusal(names: Iterable[str]) -> str:
    """The sentence refusing to send while variables are left: "Fill in {first_name} before sending."."""
    unique = [f"{{{name}}}" for name in dict.fromkeys(names)]
    if not unique:
        return ""
    if len(unique) == 1:
        return translate("CannedReplies", "Fill in {name} before sending.").format(name=unique[0])
    return translate("CannedReplies", "Fill in {names} and {last} before sending.").format(
        names=", ".join(unique[:-1]), last=unique[-1]
    )


# ------------------------------------------------------------------------------------------------ choosing


class _Reply(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def shortcut(self) -> str: ...


R = TypeVar("R", bound=_Reply)


fold = fold_for_search  # without case or accents: "reponse" finds "Réponse" (the switcher's rule, the one rule)


def choose(replies: Sequence[R], query: str) -> list[R]:
    """The replies matching what was typed after "/": shortcut matches first (exact, then prefix, then inside),
    then titles (a word starting with it, then inside); the agent's order within each group. Empty: all."""
    needle = fold(query.strip())
    if not needle:
        return list(replies)
    ranked: list[tuple[int, int, R]] = []
    for index, reply in enumerate(replies):
        rank = _rank(needle, fold(reply.shortcut), fold(reply.title))
        if rank is not None:
            ranked.append((rank, index, reply))
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [reply for _, _, reply in ranked]


def _rank(needle: str, shortcut: str, title: str) -> int | None:
    if shortcut == needle:
        return 0
    if shortcut.startswith(needle):
        return 1
    if needle in shortcut:
        return 2
    if title.startswith(needle) or any(word.startswith(needle) for word in re.split(r"\W+", title)):
        return 3
    if needle in title:
        return 4
    return None
