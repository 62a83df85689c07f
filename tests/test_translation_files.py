"""packaging/i18n.py (issue 17): every translate() call is extracted, counts included, and the committed .ts files
hold every sentence of the sources, translated, with their placeholders."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "packaging" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("i18n_tool", module)
    spec.loader.exec_module(module)
    return module


def test_counts_given_by_keyword_or_expression_are_extracted_as_plurals(tmp_path: Path) -> None:
    """pyside6-lupdate 6.11 drops the first two of these silently: the extractor must not."""
    source = tmp_path / "sample.py"
    source.write_text(
        "from unipile_desktop.texts import QT_TRANSLATE_NOOP, translate\n"
        "A = QT_TRANSLATE_NOOP('Ctx', 'Constant label')\n"
        "def f(items, count, table):\n"
        "    translate('Ctx', '%n chat(s)', n=count)\n"
        "    translate('Ctx', '%n file(s)', None, len(items))\n"
        "    translate('Ctx', 'Open', 'the verb')\n"
        "    translate('Ctx', A)\n"  # a marked constant: found where it is defined
        "    'abc'.translate(table)\n"  # str.translate: not ours
        "    translate('Ctx', 'Split ' 'literal')\n",
        encoding="utf-8",
    )
    tool = load_tool()
    found = tool.extract([source])
    assert found == [
        ("Ctx", "Constant label", None),
        ("Ctx", "%n chat(s)", None),
        ("Ctx", "%n file(s)", None),
        ("Ctx", "Open", "the verb"),
        ("Ctx", "Split literal", None),
    ]


def test_the_committed_translations_cover_every_sentence_of_the_sources() -> None:
    tool = load_tool()
    wanted = {(context, source) for context, source, _ in tool.extract()}
    assert len(wanted) > 500  # the whole app, not a sample
    for language in tool.LANGUAGES:
        messages = tool.messages(tool.ts_path(language))
        have = {(context, message.findtext("source")) for context, message in messages}
        assert wanted <= have, f"{language}: missing {sorted(wanted - have)[:5]} (run packaging/i18n.py update)"
        unfinished = [message.findtext("source") for _, message in messages if not tool.is_finished(message)]
        assert not unfinished, f"{language}: {len(unfinished)} untranslated, e.g. {unfinished[:3]}"
        for language_file in (tool.ts_path(language), tool.I18N / f"unipile_desktop_{language}.qm"):
            assert language_file.is_file()
