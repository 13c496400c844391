"""Example content that shows the website's features: clearly marked, no facts about Randers.

The facts in facts.py are too few to show pagination, upcoming events or images.
Everything here says in its own text that it is an example, and nothing here
names a real person, amount or decision.
"""

import datetime as dt

from documents.choices import DocumentAudience, DocumentKind
from organisations.choices import GovernanceBodyKind

from .images import Illustration

EXAMPLE_NOTE = "Eksempel i demoindholdet – ikke en rigtig nyhed fra Randers."

# Example news: with the 9 real items, 25 in all, so the news list has a second and third page.
EXAMPLE_NEWS = [
    (dt.date(2024, 1, 15) + dt.timedelta(days=30 * i), f"Eksempel på en nyhed nr. {i + 1}") for i in range(16)
]

# Example events, dated from the day the demo is loaded: (slug, title, days ahead, hour, place name).
EXAMPLE_EVENTS = [
    ("eksempel-faellesspisning", "Eksempel: fællesspisning i beboerhuset", 7, 17, "Beboerhuset på Flyvervej"),
    ("eksempel-lektiecafe", "Eksempel: lektiecafé", 14, 15, "Beboerhuset på Flyvervej"),
    ("eksempel-loppemarked", "Eksempel: loppemarked", 21, 10, "Nørrevangsparken"),
    ("eksempel-beboermoede", "Eksempel: beboermøde om helhedsplanen", 35, 19, "Beboerhuset på Flyvervej"),
    ("eksempel-sommerfest", "Eksempel: sommerfest", 60, 14, "Nordre Fælled"),
    ("eksempel-juleklip", "Eksempel: juleklip for børn og voksne", 90, 16, "Beboerhuset på Flyvervej"),
]
EXAMPLE_EVENT_TEASER = (
    "Eksempel i demoindholdet, dateret ud fra dagen hvor demoen blev indlæst. Ikke et rigtigt arrangement."
)

ILLUSTRATIONS = {
    "boligblokke": Illustration(
        "boligblokke",
        "boligblokke og træer",
        "Tegnet illustration af fire boligblokke med træer imellem. Ikke et foto af et rigtigt område.",
        "blocks",
        (180, 210, 230),
    ),
    "faellesskab": Illustration(
        "faellesskab",
        "mennesker side om side",
        "Tegnet illustration af fem stiliserede personer side om side.",
        "people",
        (250, 235, 215),
    ),
    "sommer": Illustration(
        "sommer",
        "sol over en grøn plæne",
        "Tegnet illustration af en sol over en grøn plæne med et telt.",
        "sun",
        (190, 220, 240),
    ),
    "blad": Illustration("blad", "et grønt blad", "Tegnet illustration af et grønt blad.", "leaf", (235, 240, 220)),
    "kalender": Illustration(
        "kalender",
        "en kalender",
        "Tegnet illustration af en kalender med én dag markeret.",
        "calendar",
        (225, 230, 240),
    ),
    "papir": Illustration(
        "papir", "et ark papir", "Tegnet illustration af et ark papir med linjer.", "paper", (230, 225, 215)
    ),
}

# Which illustration each kind of page gets (in turn, by position).
AREA_IMAGES = ["boligblokke"]
FOCUS_AREA_IMAGES = ["faellesskab", "blad", "papir", "sommer"]
NEWS_IMAGES = ["papir", "faellesskab", "blad", "boligblokke", "sommer"]
EVENT_IMAGES = ["kalender", "sommer", "faellesskab"]

PRIVATE_COLLECTION = "Intern (kun bestyrelsen)"
INTERNAL_DOCUMENT = {
    "title": "Eksempel på internt dokument: dagsorden til bestyrelsesmøde",
    "kind": DocumentKind.AGENDA,
    "audience": DocumentAudience.BOARD,
    "description": "Eksempel i demoindholdet. Ligger i en privat samling og vises aldrig i API'et.",
}

# 2021-25: the board met Landsbyggefonden in October 2022 for the one-year review [domain.md §1.2, S37].
# Its members are not published, so it has none; no steering group is named for the period.
GOVERNANCE_2021_25 = [
    (
        "helhedsplanen-2021-2025",
        GovernanceBodyKind.BOARD,
        "Bestyrelsen",
        "Bestyrelsen mødtes med Landsbyggefonden i oktober 2022 til et-årsgennemgangen af helhedsplanen.",
    ),
]

# Partners of "Al Verdens Kunst" [domain.md §5.4, S48-S51]: (activity slug, organisation, role).
ACTIVITY_PARTNERS = [
    ("al-verdens-kunst", "Randers Bibliotek", "samarbejdspartner"),
    ("al-verdens-kunst", "Slots- og Kulturstyrelsen", "finansierer"),
]

# The pages the home page features, by (index slug, page slug).
FEATURED = [
    ("helhedsplanen", "helhedsplanen-2021-2025"),
    ("indsatser", "al-verdens-kunst"),
    ("nyheder", "byraadet-vedtager-ny-helhedsplan-for-fem-omraader"),
]
