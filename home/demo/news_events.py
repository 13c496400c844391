"""News and events: the real ones from the facts, and marked examples that fill the lists and the calendar."""

import datetime as dt

from django.utils import timezone
from wagtail.rich_text import RichText

from pages.models import EventPage, NewsPage

from . import examples, facts
from .state import Demo, aware, danish_slug, image_for, publish_child


def news(demo: Demo) -> None:
    index = demo.indexes["news"]
    items = [(date, title, teaser, facebook, newsletter) for date, title, teaser, facebook, newsletter in facts.NEWS]
    items += [(date, title, examples.EXAMPLE_NOTE, False, False) for date, title in examples.EXAMPLE_NEWS]
    for position, (date, title, teaser, facebook, newsletter) in enumerate(items):
        image = image_for(demo, examples.NEWS_IMAGES, position)
        publish_child(
            index,
            NewsPage(
                title=title,
                slug=danish_slug(title),
                published_date=date,
                teaser=teaser,
                # The body says no more than the teaser; the drawing shows the image block.
                body=[
                    ("paragraph", RichText(f"<p>{teaser}</p>")),
                    ("image", {"image": image, "caption": "Illustration", "alt_text": ""}),
                ],
                share_on_facebook=facebook,
                include_in_newsletter=newsletter,
                listing_image=image,
            ),
            published_at=aware(dt.datetime.combine(date, dt.time(9, 0))),
        )


def events(demo: Demo) -> None:
    index = demo.indexes["events"]
    for position, (slug, title, starts, time_known, place, teaser, facebook, newsletter) in enumerate(facts.EVENTS):
        starts_at = aware(starts)
        publish_child(
            index,
            EventPage(
                title=title,
                slug=slug,
                starts_at=starts_at,
                all_day=not time_known,
                place=demo.places[place],
                teaser=teaser,
                share_on_facebook=facebook,
                include_in_newsletter=newsletter,
                listing_image=image_for(demo, examples.EVENT_IMAGES, position),
            ),
            published_at=starts_at - dt.timedelta(days=14),
        )
    _example_events(demo)


def _example_events(demo: Demo) -> None:
    """Examples dated from the day of loading; when all have passed, they move ahead again."""
    index = demo.indexes["events"]
    today = timezone.localdate()
    slugs = [slug for slug, *_ in examples.EXAMPLE_EVENTS]
    existing = EventPage.objects.child_of(index).filter(slug__in=slugs)
    move = existing.exists() and not existing.filter(starts_at__gte=timezone.now()).exists()
    for position, (slug, title, days, hour, place) in enumerate(examples.EXAMPLE_EVENTS):
        starts_at = aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour, 0)))
        page = existing.filter(slug=slug).first()
        if page is None:
            publish_child(
                index,
                EventPage(
                    title=title,
                    slug=slug,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(hours=2),
                    place=demo.places[place],
                    teaser=examples.EXAMPLE_EVENT_TEASER,
                    listing_image=image_for(demo, examples.EVENT_IMAGES, position),
                ),
            )
        elif move:
            page.starts_at, page.ends_at = starts_at, starts_at + dt.timedelta(hours=2)
            page.save_revision().publish()
