"""Batch loading for GraphQL resolvers: one query per field and level, not one per object.

graphql-core resolves a list depth first: every field of the first item (and of
everything below it) before the second item. A resolver that queries for its own
object therefore runs once per item, and nested tree fields multiply
(`items { parent { children { parent { children … } } } }` grows with the product
of the list sizes).

Instead, objects that are listed together form a *group*: a root field's list
(registered with `Loaders.group`), and every batch a loader loads. The first
time a field asks a loader about one object, the loader loads that field for
the whole group of the object in one go, and keeps the answers for the rest of
the request. The answers of one batch form the group of the next level, so each
level of a nested query costs one batch, whatever the lengths of its lists.

Synchronous and request-scoped: a `Loaders` lives on the request's GraphQL
context (`api.toolkit.context.RequestContext.loaders`) and is dropped with it.
Grouping only decides how much is loaded at once, never what a field answers:
every answer comes from the batch function of its own key.
"""

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

Batch = Callable[[Sequence[Any]], Sequence[Any]]


@dataclass(frozen=True)
class Loader:
    """How to load one field for many objects.

    `key(obj)` names what is loaded (e.g. a page's path: two objects of one page
    share the answer); `batch(objects)` loads it for all `objects` at once and
    answers a list in the same order. Only the members of a group that are
    instances of `kind` (default: the asking object's own class) are loaded with it:
    a search result's documents have no parent page.
    """

    name: str
    key: Callable[[Any], Hashable]
    batch: Batch
    kind: type | None = None


def identity(obj) -> Hashable:
    """A key for loaders whose answer depends on the Python object itself (e.g. a draft in a preview)."""
    return ("object", id(obj))


@dataclass
class Loaders:
    """The loaders' answers and the groups of one request."""

    _answers: dict[tuple[str, Hashable], Any] = field(default_factory=dict)
    _groups: dict[int, list] = field(default_factory=dict)
    # Everything a key was computed from stays referenced until the request ends, so an
    # `identity` key (an id()) can never be reused by another object meanwhile.
    _kept: list = field(default_factory=list)
    _values: dict[Hashable, Any] = field(default_factory=dict)
    batches: int = 0  # how many batches ran in this request

    def group(self, objects: Iterable) -> list:
        """Mark objects as listed together; a batched field asked of one is loaded for all. Returns them."""
        objects = list(objects)
        self._kept.append(objects)
        for obj in objects:
            self._groups[id(obj)] = objects
        return objects

    def siblings(self, obj) -> list:
        # Group members are kept alive, so an id() found here is still that object's.
        return self._groups.get(id(obj), [obj])

    def load(self, loader: Loader, obj) -> Any:
        """The loader's answer for `obj`, loading it for all of `obj`'s group the first time."""
        key = (loader.name, loader.key(obj))
        if key not in self._answers:
            self._load_group(loader, obj)
        return self._answers[key]

    def _load_group(self, loader: Loader, obj) -> None:
        kind = loader.kind or type(obj)
        siblings = [member for member in self.siblings(obj) if isinstance(member, kind)]
        keyed = [(loader.key(member), member) for member in siblings]
        pending: dict[Hashable, Any] = {}
        for key, member in keyed:
            if (loader.name, key) not in self._answers:
                pending.setdefault(key, member)
        if not any(member is obj for member in pending.values()):
            pending[loader.key(obj)] = obj
        self._kept.append(list(pending.values()))
        found = loader.batch(list(pending.values()))
        self.batches += 1
        for key, answer in zip(pending, found, strict=True):
            self._answers[(loader.name, key)] = answer
        # What this level answered is the group of the next level.
        answered = [self._answers[(loader.name, key)] for key, _ in keyed]
        if not any(member is obj for _, member in keyed):
            answered.append(self._answers[(loader.name, loader.key(obj))])
        self.group(_objects_in(answered))

    def once(self, name: Hashable, compute: Callable[[], Any]) -> Any:
        """A value computed at most once per request (e.g. which plan period is current)."""
        if name not in self._values:
            self._values[name] = compute()
        return self._values[name]


def _objects_in(answers: list) -> list:
    """The distinct objects in a batch's answers (lists are flattened; None is left out)."""
    seen: set[int] = set()
    objects = []
    for answer in answers:
        for obj in answer if isinstance(answer, list | tuple) else (answer,):
            if obj is not None and id(obj) not in seen:
                seen.add(id(obj))
                objects.append(obj)
    return objects
