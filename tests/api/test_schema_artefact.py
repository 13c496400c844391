"""schema.graphql is committed for frontend developers; it must match the running schema."""

from pathlib import Path

from cms.schema import schema

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def test_committed_schema_matches():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == str(schema).rstrip() + "\n", (
        "schema.graphql is out of date: run `make schema` and commit it."
    )
