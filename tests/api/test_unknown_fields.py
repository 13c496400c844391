"""Unknown fields are found by the limits' walk, in graphql-core's words, so validation need not run.

On a text of 990 unknown fields validation cost as much as the parse; the walk visits
every field anyway. Its messages must be exactly those validation would give.
"""

import pytest
from graphql import get_introspection_query, parse, validate

import api.checks
from api.checks import _translated, check
from api.cost import analyse
from cms.schema import schema

TEXTS = [
    "{ planPeriods { f0 title } }",
    '{ search(query: "x") { title } }',
    "{ __schema { types { name } } __typename }",
    "{ planPeriods { ... on Nope { x } } }",
    "{ planPeriods { title { x } } }",
    get_introspection_query(),
    "{ a { b } }",
    "fragment F on PlanPeriodPage { zz } { planPeriods { ...F } }",
    '{ page(urlPath: "/") { __schema { x } } }',
]


def _unknown(messages) -> list[str]:
    return [message for message in messages if message.startswith("Cannot query field")]


@pytest.mark.parametrize("text", TEXTS)
def test_the_walk_names_the_unknown_fields_validation_names(text):
    walked = _unknown(analyse(schema.graphql_schema, parse(text)).errors)
    validated = _unknown(_translated(error.message) for error in validate(schema.graphql_schema, parse(text)))
    assert walked == validated


def test_unknown_fields_are_refused_without_validation(monkeypatch):
    api.checks.clear_prepared()

    def no_validation(*args, **kwargs):
        raise AssertionError("validated")

    monkeypatch.setattr(api.checks, "validate", no_validation)

    class Request:
        method = "POST"

    text = "{ planPeriods { " + " ".join(f"f{i}" for i in range(990)) + " } }"
    errors = check(Request(), text, None, None).errors
    api.checks.clear_prepared()
    assert errors[0] == "Cannot query field 'f0' on type 'PlanPeriodPage'." and len(errors) == 21
    assert errors[-1] == "For mange fejl i forespørgslen; kontrollen blev afbrudt."
