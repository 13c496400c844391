"""Which GraphQL type answers for which page model.

pages registers its own page types (types/__init__.py); an app above pages registers
its own from its graphql module (home/graphql.py: the home page), so that pages'
types never import it. cms/schema.py imports every app's graphql module before it
builds the schema, so every type is registered before the schema reads the lists.

The lists of types are updated in place on each registration: graphene reads the
schema's `types` and a union's `Meta.types` only when the schema is built.
"""

_by_model: dict[type, type] = {}
_lists: list[tuple[list, tuple]] = []


def page_types_with(*others: type) -> list[type]:
    """Every registered page type, sorted by name (the order the schema prints them in), then `others`."""
    types = _page_types_sorted() + list(others)
    _lists.append((types, others))
    return types


def page_type_register(model: type, graphene_type: type) -> None:
    _by_model[model] = graphene_type
    for types, others in _lists:
        types[:] = _page_types_sorted() + list(others)


def page_type_of(page, default: type) -> type:
    return _by_model.get(type(page), default)


def _page_types_sorted() -> list[type]:
    return sorted(set(_by_model.values()), key=lambda t: t.__name__)


ALL_PAGE_TYPES = page_types_with()
