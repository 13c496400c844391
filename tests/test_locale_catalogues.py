"""The project's Danish catalogue: complete for Wagtail's admin, compiled, and safe to format."""

import re
from pathlib import Path

import polib
import pytest
from django.utils import translation

from tests.e2e.english_catalogue import WAGTAIL_APPS, WAGTAIL_CONTRIB

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "locale" / "da" / "LC_MESSAGES"
NAMED = re.compile(r"%\((\w+)\)[sdif]|\{(\w+)\}")
POSITIONAL = re.compile(r"%[sdif]")


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _translations(entries):
    return {
        _key(e): {int(k): v for k, v in e.msgstr_plural.items()} if e.msgid_plural else e.msgstr
        for e in entries
        if e.msgid and (e.msgstr or e.msgstr_plural)
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_committed_mo_matches_its_po(domain):
    """`make messages` was run after the last change to the .po (the .mo is what Django reads)."""
    po = polib.pofile(str(LOCALE / f"{domain}.po"))
    mo = polib.mofile(str(LOCALE / f"{domain}.mo"))
    assert _translations(mo) == _translations(po), f"locale/da/LC_MESSAGES/{domain}.mo is stale: run `make messages`"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_translations_keep_the_placeholders(domain):
    """A placeholder that is not in the English message would raise when Wagtail formats it."""
    for entry in polib.pofile(str(LOCALE / f"{domain}.po")):
        english = entry.msgid + (entry.msgid_plural or "")
        allowed = {name for pair in NAMED.findall(english) for name in pair if name}
        for msgstr in [entry.msgstr, *dict(entry.msgstr_plural).values()]:
            used = {name for pair in NAMED.findall(msgstr) for name in pair if name}
            assert used <= allowed, (entry.msgid, msgstr)
            if POSITIONAL.search(entry.msgid):
                assert len(POSITIONAL.findall(msgstr)) == len(POSITIONAL.findall(entry.msgid)), (entry.msgid, msgstr)


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_every_wagtail_message_has_a_danish_translation(domain):
    """After a Wagtail upgrade this names the new messages that neither Wagtail's da nor ours translate."""
    import wagtail

    wagtail_dir = Path(wagtail.__file__).parent
    ours = {_key(e) for e in polib.pofile(str(LOCALE / f"{domain}.po")) if e.translated()}
    directories = [wagtail_dir / app for app in WAGTAIL_APPS] + [wagtail_dir / "contrib" / a for a in WAGTAIL_CONTRIB]
    missing = []
    for directory in directories:
        english = directory / "locale" / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not english.exists():
            continue
        danish = directory / "locale" / "da" / "LC_MESSAGES" / f"{domain}.po"
        theirs = {_key(e) for e in polib.pofile(str(danish)) if e.translated()} if danish.exists() else set()
        missing += [e.msgid for e in polib.pofile(str(english)) if not e.obsolete and _key(e) not in ours | theirs]
    assert not missing, f"{len(missing)} messages without Danish: {missing[:20]}"


@pytest.mark.parametrize(
    ("english", "danish"),
    [
        ("Search all pages…", "Søg i alle sider…"),
        ("Remember me", "Husk mig"),
        ("Promote", "Promovering"),
        ("Choose an image", "Vælg et billede"),
        (
            "There are validation errors, click save to highlight them.",
            "Der er valideringsfejl. Klik på Gem for at fremhæve dem.",
        ),
    ],
)
def test_django_reads_our_catalogue_first(english, danish):
    with translation.override("da"):
        assert translation.gettext(english) == danish


def test_mixed_model_messages_read_as_danish():
    """Wagtail's snippet messages with our verbose names, as the issue found them."""
    with translation.override("da"):
        created = translation.gettext("The %(model_name)s could not be created due to errors.")
        empty = translation.gettext("There are no %(model_name)s to display.")
    assert created % {"model_name": "finansieringslinje"} == "Kunne ikke oprette finansieringslinje på grund af fejl."
    assert empty % {"model_name": "udgaver af nyhedsbrevet"} == "Der er ingen udgaver af nyhedsbrevet at vise."


def test_the_admin_javascript_catalogue_is_danish(client):
    """Wagtail's /admin/jsi18n/ (Django's JavaScriptCatalog for wagtail.admin) includes LOCALE_PATHS."""
    response = client.get("/admin/jsi18n/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Skriv noget, eller tast \\u2018/\\u2019 for at inds\\u00e6tte en blok" in body or (
        "Skriv noget, eller tast ‘/’ for at indsætte en blok" in body
    )
    assert "Fold alle sammen" in body
