"""Wagtail's and Django's English messages, to find any left on a screen of the Danish admin.

Used by test_admin_danish_crawl.py; kept apart because it is a small library, not a test.
"""

import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

# English messages that are also the Danish word, so seeing them proves nothing. Each is
# what our catalogue says in Danish too; keep the list short and say why.
SAME_IN_DANISH = {
    "Status": "the Danish word is 'status'",
    "Alias": "the Danish word is 'alias'",
    "Layout": "used in Danish ('layout')",
    "Format": "the Danish word is 'format'",
    "Minimum": "the Danish word is 'minimum'",
    "System": "the Danish word is 'system'",
    "Administrator": "the Danish word is 'administrator'",
    "Admin": "short for 'administrator', also in Danish",
    "Link": "used in Danish ('link')",
    "Type": "the Danish word is 'type'",
    "Permanent": "the Danish word is 'permanent'",
    "Port": "the Danish word is 'port'",
    "App": "used in Danish ('app')",
}
SAME_IN_DANISH_FOLDED = {text.casefold() for text in SAME_IN_DANISH}
# Catalogues whose English messages must not be on screen: Wagtail's apps in INSTALLED_APPS,
# and Django's own (form errors, dates) and django.contrib.auth's (login, passwords).
WAGTAIL_APPS = ["admin", "", "documents", "images", "snippets", "users", "sites", "embeds", "search"]
WAGTAIL_CONTRIB = ["forms", "redirects", "settings"]
MIN_EXACT_LENGTH = 3  # "OK", "ID", "No" say too little to tell the languages apart
MIN_PHRASE_LENGTH = 10  # a message of two words or more, found inside a longer line
MIN_PATTERN_LITERAL = 8  # a message with placeholders needs this much fixed text to be recognised

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[\wæøåÆØÅ'’]+")


def _catalogue_paths() -> list[Path]:
    import django
    import wagtail

    wagtail_dir = Path(wagtail.__file__).parent
    django_dir = Path(django.__file__).parent
    paths = [wagtail_dir / app / "locale/en/LC_MESSAGES" for app in WAGTAIL_APPS]
    paths += [wagtail_dir / "contrib" / app / "locale/en/LC_MESSAGES" for app in WAGTAIL_CONTRIB]
    paths += [django_dir / "conf/locale/en/LC_MESSAGES", django_dir / "contrib/auth/locale/en/LC_MESSAGES"]
    return [po for directory in paths for po in sorted(directory.glob("*.po"))]


def _normalise(text: str) -> str:
    return " ".join(TAG.sub("", text).split())


@dataclass
class EnglishCatalogue:
    """Wagtail's and Django's English messages: whole lines, phrases inside a line, and patterns.

    A line that is a message ("Password", with or without a required-field "*") is English;
    so is a line that contains a message of two words or more ("Remember me" beside a
    checkbox); and a line that matches a message with its placeholders filled in
    ("Page 'Nyheder' created and published.").
    """

    exact: set[str] = field(default_factory=set)
    phrases: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    patterns: list[tuple[re.Pattern, str]] = field(default_factory=list)

    @classmethod
    def load(cls) -> "EnglishCatalogue":
        catalogue = cls()
        seen = set()
        for po_path in _catalogue_paths():
            for entry in polib.pofile(str(po_path)):
                for msgid in filter(None, [entry.msgid, entry.msgid_plural]):
                    text = _normalise(msgid)
                    if text in seen or not re.search(r"[A-Za-z]{2}", text):
                        continue
                    seen.add(text)
                    catalogue.add(text)
        return catalogue

    def add(self, text: str) -> None:
        if text.rstrip(" :.…?").casefold() in SAME_IN_DANISH_FOLDED:
            return
        if not PLACEHOLDER.search(text):
            if len(text) >= MIN_EXACT_LENGTH:
                self.exact.add(text.casefold())
            words = WORD.findall(text.casefold())
            if len(words) >= 2 and len(text) >= MIN_PHRASE_LENGTH:
                self.phrases.setdefault((words[0], words[1]), set()).add(" ".join(words))
            return
        pieces = PLACEHOLDER.split(text)
        literal = "".join(pieces).strip()
        if len(literal) < MIN_PATTERN_LITERAL or not re.search(r"[A-Za-z]{3}", literal):
            return
        regex = ".+?".join(re.escape(piece) for piece in pieces)
        # Whole phrases only: the English words must be the start of a line or follow a non-letter.
        self.patterns.append((re.compile(rf"(?<![A-Za-zÆØÅæøå]){regex}(?![A-Za-zÆØÅæøå])"), text))

    def untranslated(self, texts: list[str]) -> list[str]:
        found = []
        for raw in texts:
            text = _normalise(raw)
            if not text:
                continue
            bare = text.rstrip(" *:.…?").casefold()  # "Password *" is the field "Password"
            if text.casefold() in self.exact or bare in self.exact:
                found.append(text)
                continue
            phrase = self._phrase_in(text)
            if phrase:
                found.append(f"{text}  (≈ {phrase})")
                continue
            for pattern, msgid in self.patterns:
                if pattern.search(text):
                    found.append(f"{text}  (≈ {msgid})")
                    break
        return found

    def _phrase_in(self, text: str) -> str | None:
        words = WORD.findall(text.casefold())
        joined = f" {' '.join(words)} "
        for first, second in itertools.pairwise(words):
            for phrase in self.phrases.get((first, second), ()):
                if f" {phrase} " in joined:
                    return phrase
        return None
