"""The message catalogues: English complete, and the committed .mo files match the .po files."""

import gettext
from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_message_is_translated_and_not_fuzzy(lang):
    """Every msgid in locale/<lang> has a translation, and none is a fuzzy guess."""
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


@pytest.mark.parametrize("lang", ["en", "id"])
def test_compiled_catalogue_matches_the_po_file(lang):
    """The committed .mo gives the same translation as the .po for every singular message."""
    folder = LOCALE / lang / "LC_MESSAGES"
    po = polib.pofile(str(folder / "django.po"))
    with open(folder / "django.mo", "rb") as f:
        mo = gettext.GNUTranslations(f)
    stale = [
        e.msgid
        for e in po.translated_entries()
        if not e.msgid_plural and (mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt else mo.gettext(e.msgid)) != e.msgstr
    ]
    assert stale == []
