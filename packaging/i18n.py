"""The app's translations: extract the sources' sentences, fill, compile with pyside6-lrelease, check freshness.

    python packaging/i18n.py update          # re-extract sources into resources/i18n/unipile_desktop_{fr,de}.ts
    python packaging/i18n.py compile         # .ts -> .qm (the app loads the .qm; both are committed)
    python packaging/i18n.py check           # CI: sources current, every message translated, .qm current
    python packaging/i18n.py todo LANG FILE  # the untranslated messages as JSON, for a translator
    python packaging/i18n.py fill LANG FILE  # merge a translator's JSON back into the .ts

``update`` reads ``translate("Context", "Source", …)`` calls with Python's parser (see ``extract``) and writes the
.ts files in Qt Linguist's format; a source containing ``%n`` is a plural ("numerus") message with the language's
number of forms (two for French and German). Run with the project's venv: ``.venv/bin/python packaging/i18n.py …``.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "unipile_desktop"
I18N = ROOT / "resources" / "i18n"
LANGUAGES = ("fr", "de")
PLURAL_FORMS = {"fr": 2, "de": 2}
# The server double and the self-test speak English on purpose (the real API answers in English; the smoke test
# prints for developers); the terminal CLI runs without Qt.
NOT_TRANSLATED = ("sandbox", "selftest")


def tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install the project (pip install -e .) into this venv")
    return found


def ts_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"unipile_desktop_{language}.ts"


def source_files() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py")) if path.relative_to(PACKAGE).parts[0] not in NOT_TRANSLATED]


Message = tuple[str, str, str | None]  # context, source, disambiguation


def _literal(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract(files: list[Path] | None = None) -> list[Message]:
    """Every ``translate("Ctx", "Source"[, "disambiguation"][, n])`` and ``QT_TRANSLATE_NOOP("Ctx", "Source")``.

    Read with Python's own parser rather than pyside6-lupdate's: lupdate 6.11 silently skips a call whose count is
    a keyword (``n=count``) or an expression (``len(items)``), which would leave those sentences untranslated.
    """
    found: dict[Message, None] = {}
    for path in files if files is not None else source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or len(node.args) < 2:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name not in ("translate", "QT_TRANSLATE_NOOP"):
                continue
            context, source = _literal(node.args[0]), _literal(node.args[1])
            if context is None or not source:
                continue  # translate("Ctx", CONSTANT): the constant is marked where it is defined
            disambiguation = _literal(node.args[2]) if len(node.args) > 2 else None
            for keyword in node.keywords:
                if keyword.arg == "disambiguation":
                    disambiguation = _literal(keyword.value)
            found.setdefault((context, source, disambiguation or None), None)
    return list(found)


def _old_forms(old: ET.Element | None, forms: int) -> list[str | None]:
    if old is None:
        return []
    found = [form.text for form in old.findall("numerusform")]
    return found or ([old.text] * forms if old.text else [])


def refresh_ts(target: Path) -> None:
    """Rewrite ``target`` with the messages the sources have now, keeping the translations of those it had."""
    tree = ET.parse(target)
    root = tree.getroot()
    forms = PLURAL_FORMS.get(root.get("language", "")[:2], 2)
    known: dict[Message, ET.Element | None] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "", message.findtext("comment") or None)
            known[key] = message.find("translation")
    for context in list(root):
        root.remove(context)
    by_context: dict[str, list[Message]] = {}
    for message in extract():
        by_context.setdefault(message[0], []).append(message)
    for name in sorted(by_context):
        context_element = ET.SubElement(root, "context")
        ET.SubElement(context_element, "name").text = name
        for key in by_context[name]:
            _, source, disambiguation = key
            element = ET.SubElement(context_element, "message")
            ET.SubElement(element, "source").text = source
            if disambiguation:
                ET.SubElement(element, "comment").text = disambiguation
            old = known.get(key)
            translation = ET.SubElement(element, "translation")
            if "%n" in source:
                element.set("numerus", "yes")
                old_forms = _old_forms(old, forms)
                for index in range(forms):
                    form = ET.SubElement(translation, "numerusform")
                    form.text = old_forms[index] if index < len(old_forms) else None
            elif old is not None and old.find("numerusform") is None:
                translation.text = old.text
            if not is_finished(element) or (old is not None and old.get("type") == "unfinished"):
                translation.set("type", "unfinished")
    write_ts(tree, target)


def write_ts(tree: ET.ElementTree, target: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    target.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def update() -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        target = ts_path(language)
        if not target.exists():
            target.write_text(
                '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
                f'<TS version="2.1" language="{language}_{language.upper()}"></TS>\n',
                encoding="utf-8",
            )
        refresh_ts(target)
        done, total = counts(target)
        print(f"{target.relative_to(ROOT)}: {done}/{total} translated")


def messages(target: Path) -> list[tuple[str, ET.Element]]:
    tree = ET.parse(target)
    found = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found.append((name, message))
    return found


def is_finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return False
    if message.get("numerus") == "yes":
        return all((form.text or "").strip() for form in translation.findall("numerusform"))
    return bool((translation.text or "").strip())


def counts(target: Path) -> tuple[int, int]:
    found = messages(target)
    return sum(is_finished(message) for _, message in found), len(found)


def compile_all(folder: Path = I18N, out: Path = I18N) -> None:
    for language in LANGUAGES:
        subprocess.run(
            [
                tool("pyside6-lrelease"),
                "-silent",
                str(ts_path(language, folder)),
                "-qm",
                str(out / f"unipile_desktop_{language}.qm"),
            ],
            check=True,
        )


def placeholders(text: str) -> list[str]:
    import re

    # A translation writes %Ln (the count grouped the locale's way) where the source has %n.
    return sorted(re.findall(r"\{[a-z_]*\}|%n|&(?=\w)", text.replace("%Ln", "%n")))


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        for language in LANGUAGES:
            committed = ts_path(language)
            if not committed.exists():
                problems.append(f"{committed} is missing: run packaging/i18n.py update")
                continue
            fresh = ts_path(language, work)
            shutil.copy(committed, fresh)
            refresh_ts(fresh)
            if fresh.read_text(encoding="utf-8") != committed.read_text(encoding="utf-8"):
                problems.append(f"{committed.name} is not current with the sources: run packaging/i18n.py update")
            for context, message in messages(committed):
                source = message.findtext("source") or ""
                if not is_finished(message):
                    problems.append(f"{language}: untranslated in {context}: {source!r}")
                    continue
                translation = message.find("translation")
                assert translation is not None
                texts = [form.text or "" for form in translation.findall("numerusform")] or [translation.text or ""]
                for text in texts:
                    wanted = [p for p in placeholders(source) if p != "&"]
                    got = [p for p in placeholders(text) if p != "&"]
                    if sorted(set(wanted)) != sorted(set(got)):
                        problems.append(f"{language}: placeholders differ in {context}: {source!r} -> {text!r}")
        compile_all(out=work)
        for language in LANGUAGES:
            name = f"unipile_desktop_{language}.qm"
            if not (I18N / name).exists() or not filecmp.cmp(work / name, I18N / name, shallow=False):
                problems.append(f"{name} is not compiled from the current .ts: run packaging/i18n.py compile")
    for problem in problems:
        print(problem)
    if not problems:
        for language in LANGUAGES:
            done, total = counts(ts_path(language))
            print(f"{language}: {done}/{total} translated, sources and .qm current")
    return 1 if problems else 0


def todo(language: str, out: Path) -> None:
    items = []
    for context, message in messages(ts_path(language)):
        if not is_finished(message):
            items.append(
                {
                    "context": context,
                    "source": message.findtext("source") or "",
                    "plural": message.get("numerus") == "yes",
                    "translation": None,
                }
            )
    out.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(items)} messages to translate written to {out}")


def fill(language: str, source_file: Path) -> None:
    """Each item: context, source, translation (a string, or a list of plural forms for a plural message)."""
    wanted = {
        (item["context"], item["source"]): item["translation"]
        for item in json.loads(source_file.read_text(encoding="utf-8"))
        if item.get("translation")
    }
    target = ts_path(language)
    tree = ET.parse(target)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            if key not in wanted:
                continue
            translation = message.find("translation")
            assert translation is not None
            value = wanted[key]
            # Counts in a translation are %Ln: Qt writes them grouped the locale's way ("1 240"), %n would not.
            value = (
                [v.replace("%Ln", "%n").replace("%n", "%Ln") for v in value]
                if isinstance(value, list)
                else (value.replace("%Ln", "%n").replace("%n", "%Ln"))
            )
            if message.get("numerus") == "yes":
                forms = value if isinstance(value, list) else [value] * PLURAL_FORMS.get(language, 2)
                for element in list(translation):
                    translation.remove(element)
                for form_text in forms:
                    ET.SubElement(translation, "numerusform").text = form_text
            else:
                translation.text = value if isinstance(value, str) else value[-1]
            translation.attrib.pop("type", None)
            filled += 1
    write_ts(tree, target)
    print(f"{filled} translations merged into {target.name}; {len(wanted) - filled} did not match a message")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("update")
    commands.add_parser("compile")
    commands.add_parser("check")
    for name in ("todo", "fill"):
        sub = commands.add_parser(name)
        sub.add_argument("language", choices=LANGUAGES)
        sub.add_argument("file", type=Path)
    args = parser.parse_args()
    if args.command == "update":
        update()
    elif args.command == "compile":
        compile_all()
    elif args.command == "check":
        return check()
    elif args.command == "todo":
        todo(args.language, args.file)
    else:
        fill(args.language, args.file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
