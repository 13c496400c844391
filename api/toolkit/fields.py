"""Reading the query and the models' choices: the fields a client requested, enums from choices."""

import graphene
from django.db.models import TextChoices
from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode


def requested_fields(info, *path: str) -> frozenset[str]:
    """Names of the fields requested below the current one (or below `path` within it), fragments followed.

    Lets a resolver prefetch only the relations the client asked for.
    """

    def children(selection_sets) -> dict[str, list]:
        found: dict[str, list] = {}
        pending = list(selection_sets)
        while pending:
            selection_set = pending.pop()
            for selection in selection_set.selections:
                if isinstance(selection, FieldNode):
                    found.setdefault(selection.name.value, [])
                    if selection.selection_set is not None:
                        found[selection.name.value].append(selection.selection_set)
                elif isinstance(selection, InlineFragmentNode):
                    pending.append(selection.selection_set)
                elif isinstance(selection, FragmentSpreadNode) and selection.name.value in info.fragments:
                    pending.append(info.fragments[selection.name.value].selection_set)
        return found

    level = children(node.selection_set for node in info.field_nodes if node.selection_set is not None)
    for name in path:
        level = children(level.get(name, []))
    return frozenset(level)


def enum_from_choices(name: str, choices: type[TextChoices], description: str = "") -> type[graphene.Enum]:
    """A GraphQL enum whose names are the choice members' names and whose values are stored values."""
    return graphene.Enum(name, [(member.name, member.value) for member in choices], description=description)
