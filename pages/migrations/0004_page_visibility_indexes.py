"""Partial indexes on Wagtail's page table for the visibility rules (pages.visibility).

- pages_page_parents: only pages with children can hide a subtree, and a site
  has a few dozen of them among thousands of pages; finding the unpublished or
  restricted ones is then an index scan instead of a scan of the whole table.
- pages_page_live_ids: the ids of live pages, so that counting a list (news,
  events) joins two indexes instead of reading the wide page rows.

Plain SQL that PostgreSQL and SQLite both accept; Wagtail's model is not ours to
add `Meta.indexes` to.
"""

from django.db import migrations

INDEXES = {
    "pages_page_parents": "ON wagtailcore_page (path) WHERE numchild > 0",
    "pages_page_live_ids": "ON wagtailcore_page (id) WHERE live",
}


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0003_event_all_day_optional_funder"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(f"CREATE INDEX IF NOT EXISTS {name} {definition}", f"DROP INDEX IF EXISTS {name}")
        for name, definition in INDEXES.items()
    ]
