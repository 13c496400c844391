"""What an anonymous caller may see. Every API path goes through these rules.

A page is visible when it is live, none of its ancestors is unpublished, and
neither it nor an ancestor has a view restriction (password, login or groups).
Documents and images are visible unless their collection, or any ancestor
collection, is restricted; a document marked for internal use ("Kun bestyrelsen
(intern)") is hidden whatever its collection, so that forgetting to move it into
a private collection never publishes it. Snippets with a draft state must be live.

The rules are computed once per request as path prefixes (a handful of small
queries) and then applied as queryset filters: set-based, never per row.
Restricted pages themselves are excluded by a subquery on the restrictions
table, and only subtrees (restricted or unpublished pages with children) by
path prefix: with hundreds of restricted pages, hundreds of `NOT LIKE` clauses
or a literal list of hundreds of paths would make every page query slower as
the site grows.
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Q, QuerySet
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

# documents.choices has no imports of its own, so this low layer may read it.
from documents.choices import DocumentAudience

INTERNAL_AUDIENCE = DocumentAudience.BOARD.value


def _minimal_prefixes(paths: list[str]) -> list[str]:
    """Drop paths that lie under another path of the list: the shorter one already hides them."""
    kept: list[str] = []
    for path in sorted(paths):
        if not kept or not path.startswith(kept[-1]):
            kept.append(path)
    return kept


def _is_internal(item) -> bool:
    """Marked "Kun bestyrelsen (intern)". Only documents have the field; images never do."""
    return getattr(item, "audience", None) == INTERNAL_AUDIENCE


def _internal_q(model) -> Q:
    """Excludes internal documents from a queryset of `model` (nothing for models without the field)."""
    if not any(field.name == "audience" for field in model._meta.get_fields()):
        return Q()
    return ~Q(audience=INTERNAL_AUDIENCE)


def _excluding_prefixes(field: str, prefixes: list[str], exact: frozenset[str] = frozenset()) -> Q:
    q = ~Q(**{f"{field}__in": sorted(exact)}) if exact else Q()
    for prefix in prefixes:
        q &= ~Q(**{f"{field}__startswith": prefix})
    return q


@dataclass
class Visibility:
    """Visibility rules for one request. Create one per request and reuse it."""

    @cached_property
    def restricted_page_ids(self) -> frozenset[int]:
        """Pages with a view restriction (password, login, groups): read from that table alone."""
        return frozenset(PageViewRestriction.objects.values_list("page_id", flat=True))

    @cached_property
    def hidden_page_prefixes(self) -> list[str]:
        """Paths of hidden subtrees: unpublished or restricted pages that have children.

        Only pages with children can hide others, and there are few of them: the
        partial index `pages_page_parents` (migration pages 0004) makes this a
        scan of a few dozen index entries, at any size of the site.
        """
        parents = Page.objects.filter(numchild__gt=0, depth__gt=1).filter(
            Q(live=False) | Q(pk__in=PageViewRestriction.objects.values("page_id"))
        )
        return _minimal_prefixes(list(parents.values_list("path", flat=True)))

    @cached_property
    def hidden_collection_prefixes(self) -> list[str]:
        restricted = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
        return _minimal_prefixes(list(restricted))

    def pages_q(self, prefix: str = "") -> Q:
        """A filter for visible pages; `prefix` reaches pages through a relation ("page__")."""
        q = Q(**{f"{prefix}live": True}) & _excluding_prefixes(f"{prefix}path", self.hidden_page_prefixes)
        if self.restricted_page_ids:
            restricted = PageViewRestriction.objects.values("page_id")
            q &= ~Q(**{f"{prefix}pk__in": restricted})
        return q

    def pages(self, queryset: QuerySet) -> QuerySet:
        return queryset.filter(self.pages_q())

    def collections_q(self, prefix: str = "") -> Q:
        return _excluding_prefixes(f"{prefix}collection__path", self.hidden_collection_prefixes)

    def media(self, queryset: QuerySet) -> QuerySet:
        """Documents or images outside restricted collections (and their descendants), internal ones left out."""
        return queryset.filter(self.collections_q() & _internal_q(queryset.model))

    def media_for_search(self, queryset: QuerySet) -> QuerySet:
        """Like `media`, written as a filter the search backends accept (collection is a filter field)."""
        visible = Collection.objects.filter(_excluding_prefixes("path", self.hidden_collection_prefixes))
        queryset = queryset.filter(collection__in=list(visible.values_list("pk", flat=True)))
        # `audience` is a filter field of documents (documents/models.py search_fields).
        return queryset.filter(_internal_q(queryset.model))

    def is_page_visible(self, page: Page | None) -> bool:
        return bool(
            page is not None
            and page.live
            and page.pk not in self.restricted_page_ids
            and not any(page.path.startswith(prefix) for prefix in self.hidden_page_prefixes)
        )

    @cached_property
    def hidden_collection_ids(self) -> frozenset[int]:
        if not self.hidden_collection_prefixes:
            return frozenset()
        hidden = Collection.objects.exclude(_excluding_prefixes("path", self.hidden_collection_prefixes))
        return frozenset(hidden.values_list("pk", flat=True))

    def is_media_visible(self, item) -> bool:
        """By the collection's path when it was loaded with the item, else by id: never a query per item."""
        if item is None or getattr(item, "collection_id", None) is None or _is_internal(item):
            return False
        descriptor = getattr(type(item), "collection", None)
        if descriptor is not None and descriptor.is_cached(item):  # select_related: no query for the hidden ids
            return not any(item.collection.path.startswith(prefix) for prefix in self.hidden_collection_prefixes)
        return item.collection_id not in self.hidden_collection_ids
