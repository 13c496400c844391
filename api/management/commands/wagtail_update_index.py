"""Wagtail's `wagtail_update_index`, then a bump of the response cache: a rebuilt index changes search answers.

Index writes send no model signals (api/invalidation.py), so without the bump a
search answered before the rebuild would stay cached after it.
"""

from wagtail.search.management.commands.wagtail_update_index import Command as RebuildIndex

from api.cache_generation import bump_generation


class Command(RebuildIndex):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        bump_generation()
