"""Partial indexes on Wagtail's page table for the visibility rules (pages.visibility).

- pages_page_parents: only pages with children can hide a subtree, and a site
  has a few dozen of them among thousands of pages; finding the unpublished or
  restricted ones is then an index scan instead of a scan of the whole table.
- pages_page_live_ids: the ids of live pages, so that counting a list (news,
  events) joins two indexes instead of reading the wide page rows.

Plain SQL that PostgreSQL and SQLite both accept; Wagtail's model is not ours to
add `Meta.indexes` to. On PostgreSQL the indexes are built CONCURRENTLY, so
editors can keep saving pages while a deploy migrates.
"""

from django.db import migrations

INDEXES = {
    "pages_page_parents": "ON wagtailcore_page (path) WHERE numchild > 0",
    "pages_page_live_ids": "ON wagtailcore_page (id) WHERE live",
}


def create(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name, definition in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {concurrently}IF NOT EXISTS {name} {definition}")


def drop(apps, schema_editor):
    concurrently = "CONCURRENTLY " if schema_editor.connection.vendor == "postgresql" else ""
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX {concurrently}IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction

    dependencies = [
        ("pages", "0003_event_all_day_optional_funder"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
