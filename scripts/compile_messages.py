"""Compile locale/*/LC_MESSAGES/django.po into .mo with polib, so no GNU gettext is needed.

Usage: .venv/bin/python scripts/compile_messages.py   (run by `make messages`)
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "locale"

for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
    po = polib.pofile(str(po_path))
    po.save_as_mofile(str(po_path.with_suffix(".mo")))
    print(
        f"{po_path.relative_to(LOCALE.parent)}: {len(po.translated_entries())} translated, "
        f"{len(po.untranslated_entries())} untranslated, {len(po.fuzzy_entries())} fuzzy"
    )
