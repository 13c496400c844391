"""The examples in docs/api.md are valid against the schema, so the guide cannot drift from the API."""

import re
from pathlib import Path

import pytest
from graphql import parse, validate

from cms.schema import schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "api.md"
EXAMPLES = re.findall(r"```graphql\n(.*?)```", DOC.read_text(), re.DOTALL)


def test_the_guide_has_examples():
    assert len(EXAMPLES) >= 8


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"example-{i}" for i in range(len(EXAMPLES))])
def test_each_example_validates(example):
    errors = validate(schema.graphql_schema, parse(example))
    assert [error.message for error in errors] == []
