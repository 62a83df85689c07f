"""Translatable sentences for every layer, the Qt-free core included.

The core must not import Qt, yet its sentences (the API's errors in words, the outbox's, the queue's) are what the
agent reads. So every layer writes ``translate("Context", "Source text")`` and this module hands the call to the
translator that the Qt layer installs at start (``ui.i18n``: Qt's ``QCoreApplication.translate`` and the ``.qm``
files in resources/i18n). Until then, and in a process without Qt (the profile command), the English source is used.

Sources use ``{name}`` placeholders filled with ``str.format`` *after* translation, so a translator may move them;
counts use Qt's ``%n`` with ``n=`` so each language gets its own plural forms (English ones from the sources'
"(s)"; translations write ``%Ln`` so the count is grouped the locale's way).
pyside6-lupdate finds ``translate(...)`` and ``QT_TRANSLATE_NOOP(...)`` calls by name: keep these names.
"""

from __future__ import annotations

import re
from collections.abc import Callable

Translator = Callable[[str, str, str | None, int], str]

_ENGLISH_PLURAL = re.compile(r"\((s|es)\)")


def _plain_number(n: int) -> str:
    return str(n)


_format_number: Callable[[int], str] = _plain_number


def install_number_format(format_number: Callable[[int], str] | None) -> None:
    """How counts are written ("1,240" in en_US, "1 240" in French); None: digits only (Qt passes QLocale's)."""
    global _format_number
    _format_number = format_number if format_number is not None else _plain_number


def english_fallback(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """The source itself, with ``%n`` filled and "(s)" resolved the English way: what is shown before Qt is up."""
    del context, disambiguation
    if n < 0:
        return source
    text = source.replace("%n", _format_number(n))
    return _ENGLISH_PLURAL.sub(lambda match: "" if n == 1 else match.group(1), text)


_translator: Translator = english_fallback


def install_translator(translator: Translator | None) -> None:
    """Route every later ``translate`` call through ``translator`` (None: back to the English sources)."""
    global _translator
    _translator = translator if translator is not None else english_fallback


def translate(context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
    """``source`` in the agent's language; ``n`` >= 0 picks the plural form for that count and fills ``%n``."""
    return _translator(context, source, disambiguation, n)


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark a constant for extraction without translating it yet; pass it to ``translate(context, …)`` when shown."""
    del context
    return source
