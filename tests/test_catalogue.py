"""The English catalogue is complete: every entry translated, none fuzzy, placeholders
kept (the UI is Vietnamese by default, English available; README "Language")."""

import re
from pathlib import Path

PO = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)(?:\.\d)?[sdf]")


def _entries():
    """(flags, msgid, [msgstr...]) for each live entry; obsolete (#~) entries skipped."""
    entries, flags, current, field = [], "", None, None
    for line in PO.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#~"):
            continue
        if not line.strip():
            if current is not None:
                entries.append((flags, current["msgid"], current["msgstr"]))
            flags, current, field = "", None, None
        elif line.startswith("#,"):
            flags += line
        elif line.startswith("msgid "):
            current, field = {"msgid": line[6:].strip('"'), "msgstr": []}, "msgid"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith("msgstr"):
            current["msgstr"].append(line.split(" ", 1)[1].strip('"'))
            field = "msgstr"
        elif line.startswith('"') and current is not None:
            if field == "msgid":
                current["msgid"] += line.strip('"')
            elif field == "msgstr":
                current["msgstr"][-1] += line.strip('"')
    return [e for e in entries if e[1]]  # the header has an empty msgid


def test_every_entry_is_translated_none_fuzzy_and_placeholders_kept():
    entries = _entries()
    assert len(entries) > 1000
    untranslated = [msgid for _flags, msgid, strs in entries if not all(strs)]
    fuzzy = [msgid for flags, msgid, _strs in entries if "fuzzy" in flags]
    assert not untranslated, untranslated[:5]
    assert not fuzzy, fuzzy[:5]
    for _flags, msgid, strs in entries:
        for text in strs:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(msgid)), msgid
