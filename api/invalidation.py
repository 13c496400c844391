"""Invalidation of the response cache: any content change bumps the content generation.

Rather than a list of "the" models that matter (pages, revisions, documents,
images, collections, snippets, settings, sites, view restrictions, ...), every
save, delete and many-to-many change of *any* model of the content apps and of
Wagtail's content models bumps the generation. A model added next year is then
covered without anyone remembering this module; the price is an occasional
needless bump (e.g. a draft revision), which costs one cache miss per query.
Wagtail's own signals (publish, unpublish, move) are connected too, for
operations that update rows without `save()`.

Excluded: audit logs, subscriptions, workflow state and the reference index,
which change no answer; and newly created renditions, which a read (an image URL)
creates lazily: bumping on them would let reads flush the cache. A deleted
rendition does bump (its URL goes away).

The search index is written with bulk operations, and (Wagtail 8, through
`modelsearch`) by a background task that the worker runs after the publish: a
search answered between the publish and that task would otherwise stay cached
as it was. So every finished index task bumps the generation too, in the
process that ran it (django-tasks' `task_finished`).

Not covered: `QuerySet.update()` and bulk operations send no signals; code that
uses them on content (e.g. `generate_bench_data`) calls `bump_generation()`.

The bump runs immediately *and* again when the transaction commits. The second
one is what makes it correct: a request that read the old rows while the
transaction was open may store its answer under the generation it saw, and the
commit-time bump leaves that entry behind (ONSdigital/dis-wagtail#505 describes
the race). The immediate bump makes the change visible at once to code running
in the same transaction (and to tests, which never commit).
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache_generation import bump_generation

CONTENT_APPS = frozenset(
    {
        "home",
        "pages",
        "documents",
        "organisations",
        "wagtailcore",
        "wagtailimages",
        "wagtaildocs",
        "wagtailredirects",
        "taggit",
    }
)
IGNORED_MODELS = frozenset(
    {
        "wagtailcore.pagelogentry",
        "wagtailcore.modellogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.referenceindex",
        "wagtailcore.uploadedfile",
    }
)
RENDITION_MODELS = frozenset({"documents.planrendition", "wagtailimages.rendition"})


def _is_content(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    return meta is not None and meta.app_label in CONTENT_APPS and meta.label_lower not in IGNORED_MODELS


def _bump_now_and_on_commit(using: str = DEFAULT_DB_ALIAS) -> None:
    bump_generation()
    connection = connections[using]
    if not connection.in_atomic_block:
        return
    # One commit-time bump per transaction is enough. Django drops callbacks of a
    # rolled-back savepoint from this list, so checking it never loses a bump.
    if not any(callback is bump_generation for _, callback, _ in connection.run_on_commit):
        transaction.on_commit(bump_generation, using=using)


def on_save(sender, using=DEFAULT_DB_ALIAS, created=False, **kwargs):
    if sender._meta.label_lower in RENDITION_MODELS:
        return  # created lazily on read; see the module docstring
    if _is_content(sender):
        _bump_now_and_on_commit(using)


def on_delete(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    if _is_content(sender):
        _bump_now_and_on_commit(using)


def on_m2m_changed(sender, action, using=DEFAULT_DB_ALIAS, **kwargs):
    if action.startswith("post_") and (_is_content(sender) or _is_content(kwargs.get("model"))):
        _bump_now_and_on_commit(using)


def on_wagtail_signal(sender=None, **kwargs):
    _bump_now_and_on_commit()


# Tasks that write the search index: modelsearch's (Wagtail's search) index updates.
SEARCH_INDEX_TASK_MODULES = ("modelsearch.", "wagtail.search.")


def on_task_finished(sender=None, task_result=None, **kwargs):
    task = getattr(task_result, "task", None)
    if getattr(task, "module_path", "").startswith(SEARCH_INDEX_TASK_MODULES):
        _bump_now_and_on_commit()


def connect() -> None:
    from django_tasks.signals import task_finished
    from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished

    post_save.connect(on_save, dispatch_uid="api.invalidation.save")
    post_delete.connect(on_delete, dispatch_uid="api.invalidation.delete")
    m2m_changed.connect(on_m2m_changed, dispatch_uid="api.invalidation.m2m")
    for number, signal in enumerate((page_published, page_unpublished, post_page_move, published, unpublished)):
        signal.connect(on_wagtail_signal, dispatch_uid=f"api.invalidation.wagtail.{number}")
    task_finished.connect(on_task_finished, dispatch_uid="api.invalidation.search_index")
