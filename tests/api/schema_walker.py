"""A crawler for a GraphQL schema: it asks for every field it can reach, following the data.

It starts at each root field (with the argument values it is given), asks for the
leaf fields of what comes back, then for every object field of every type that
actually came back, and so on to a given depth. Asking only where data exists keeps
the walk to a few hundred requests instead of the millions of paths the schema allows.
Sibling fields go into one request; a request the API refuses as too big is split.
"""

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
    get_named_type,
    graphql_sync,
    is_abstract_type,
    is_leaf_type,
    is_non_null_type,
)

Send = Callable[[str], dict]


def introspected(schema: GraphQLSchema) -> GraphQLSchema:
    """The schema as a client sees it, rebuilt from an introspection answer."""
    result = graphql_sync(schema, get_introspection_query())
    assert not result.errors, result.errors
    return build_client_schema(result.data)


@dataclass
class Step:
    key: str  # the key the answer uses
    text: str  # the field as written in the query, or "... on Type"
    type_condition: str | None = None


@dataclass
class Walk:
    schema: GraphQLSchema
    send: Send
    root_arguments: dict[str, list[dict[str, str]]]  # root field -> argument lists, values as GraphQL literals
    depth: int = 4
    # Root fields that look one object up (page by path, period by slug): every argument value is asked
    # for, but only the first answer of each type is walked further; the list fields walk all of them.
    expand_once_per_type: frozenset[str] = frozenset()
    answers: list[dict] = field(default_factory=list)
    queried: set[tuple[str, str]] = field(default_factory=set)  # (type, field) pairs asked for
    _expanded_types: dict[str, set[str]] = field(default_factory=dict)

    def run(self) -> "Walk":
        query_type = self.schema.query_type
        for name, root_field in query_type.fields.items():
            for arguments in self._root_argument_sets(name, root_field):
                call = f"{name}({', '.join(f'{k}: {v}' for k, v in arguments.items())})" if arguments else name
                step = Step(key=name, text=call)
                self.queried.add((query_type.name, name))
                named = get_named_type(root_field.type)
                if is_leaf_type(named):
                    self._ask([], [call])
                    continue
                answer = self._ask([], [f"{call} {{ {self._leaves(named)} }}"])
                objects = _objects_at(answer, [step])
                if name in self.expand_once_per_type:
                    typenames = {obj["__typename"] for obj in objects}
                    if typenames <= self._expanded_types.setdefault(name, set()):
                        continue
                    self._expanded_types[name] |= typenames
                if objects:
                    self._expand([step], named, objects, self.depth - 1)
        return self

    def _root_argument_sets(self, name: str, root_field: GraphQLField) -> list[dict[str, str]]:
        required = [arg for arg, spec in root_field.args.items() if is_non_null_type(spec.type)]
        given = self.root_arguments.get(name)
        if given is not None:
            return given
        assert not required, f"root field {name} needs values for {required}"
        return [{}]

    # The selections -------------------------------------------------------
    def _leaf_fields(self, object_type: GraphQLObjectType) -> list[str]:
        names = []
        for name, spec in object_type.fields.items():
            if is_leaf_type(get_named_type(spec.type)) and not any(
                is_non_null_type(a.type) for a in spec.args.values()
            ):
                names.append(name)
                self.queried.add((object_type.name, name))
        return names

    def _leaves(self, named: GraphQLNamedType) -> str:
        """__typename and every leaf field, on every possible type of `named`."""
        if is_abstract_type(named):
            parts = ["__typename"]
            seen: dict[str, str] = {}
            for possible in self.schema.get_possible_types(named):
                leaves = []
                for name in self._leaf_fields(possible):
                    # Fragments may not give one key two types (ActivityPage.status vs PlanPeriodPage.status).
                    type_text = str(possible.fields[name].type)
                    if seen.setdefault(name, type_text) != type_text:
                        leaves.append(f"{name}_{possible.name}: {name}")
                    else:
                        leaves.append(name)
                if leaves:
                    parts.append(f"... on {possible.name} {{ {' '.join(leaves)} }}")
            return " ".join(parts)
        return " ".join(["__typename", *self._leaf_fields(named)])

    def _object_fields(self, object_type: GraphQLObjectType) -> Iterable[tuple[Step, GraphQLNamedType]]:
        """Every field of `object_type` that leads to objects; required enum arguments take every value."""
        for name, spec in object_type.fields.items():
            named = get_named_type(spec.type)
            if is_leaf_type(named):
                continue
            self.queried.add((object_type.name, name))
            required = {arg: a for arg, a in spec.args.items() if is_non_null_type(a.type)}
            if not required:
                yield Step(key=name, text=name), named
                continue
            assert all(isinstance(get_named_type(a.type), GraphQLEnumType) for a in required.values()), (
                f"{object_type.name}.{name} needs argument values the walker cannot invent"
            )
            choices = [list(get_named_type(a.type).values) for a in required.values()]
            for combination in itertools.product(*choices):
                alias = "_".join([name, *combination])
                arguments = ", ".join(f"{arg}: {value}" for arg, value in zip(required, combination, strict=True))
                yield Step(key=alias, text=f"{alias}: {name}({arguments})"), named

    # Walking ----------------------------------------------------------------
    def _expand(self, prefix: list[Step], named: GraphQLNamedType, objects: list[dict], depth: int) -> None:
        if depth <= 0:
            return
        typenames = sorted({obj["__typename"] for obj in objects})
        children: list[tuple[list[Step], GraphQLNamedType]] = []
        selections: list[str] = []
        seen: dict[str, str] = {}
        for typename in typenames:
            object_type = self.schema.get_type(typename)
            condition = (
                [Step(key="", text=f"... on {typename}", type_condition=typename)] if is_abstract_type(named) else []
            )
            for step, child_named in self._object_fields(object_type):
                field_name = step.text.split("(")[0].split(":")[-1].strip()
                type_text = str(object_type.fields[field_name].type)
                if seen.setdefault(step.key, type_text) != type_text:
                    step = Step(
                        key=f"{step.key}_{typename}", text=f"{step.key}_{typename}: {step.text.split(': ', 1)[-1]}"
                    )
                inner = f"{step.text} {{ {self._leaves(child_named)} }}"
                selections.append(f"{condition[0].text} {{ {inner} }}" if condition else inner)
                children.append(([*prefix, *condition, step], child_named))
        if not selections:
            return
        answers = self._ask_split(prefix, selections)
        for child_prefix, child_named in children:
            child_objects = [obj for answer in answers for obj in _objects_at(answer, child_prefix)]
            if child_objects:
                self._expand(child_prefix, child_named, child_objects, depth - 1)

    def _ask_split(self, prefix: list[Step], selections: list[str]) -> list[dict]:
        """Ask for all selections at once, or in halves while the API says the request is too big."""
        answer = self._ask(prefix, selections, allow_refusal=len(selections) > 1)
        if answer is not None:
            return [answer]
        middle = len(selections) // 2
        return self._ask_split(prefix, selections[:middle]) + self._ask_split(prefix, selections[middle:])

    def _ask(self, prefix: list[Step], selections: list[str], allow_refusal: bool = False) -> dict | None:
        inner = " ".join(selections)
        for step in reversed(prefix):
            inner = f"{step.text} {{ __typename {inner} }}" if not step.type_condition else f"{step.text} {{ {inner} }}"
        query = f"{{ {inner} }}"
        status, body = self.send(query)
        if status in (400, 413) and allow_refusal:  # too big or too costly: ask in halves
            return None
        self.answers.append({"query": query, "status": status, "body": body})
        return body


def _objects_at(answer: dict | None, path: list[Step]) -> list[dict]:
    """The objects an answer holds at `path`, across lists, keeping only those of a fragment's type."""
    current = [answer.get("data") or {}] if answer else []
    for step in path:
        following = []
        for obj in current:
            if step.type_condition:
                if obj.get("__typename") == step.type_condition:
                    following.append(obj)
                continue
            value = obj.get(step.key)
            values = value if isinstance(value, list) else [value]
            following.extend(v for v in values if isinstance(v, dict))
        current = following
    return current
