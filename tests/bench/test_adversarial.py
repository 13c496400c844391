"""The benchmark's adversarial cells run, and on the demo content each ends as the limits intend."""

import pytest

pytestmark = pytest.mark.django_db

ANSWERED = {
    "tree-within-budget",
    "aliased-lists-within-budget",
    "bodies-of-a-list",
    "overlapping-within-caps",
    "introspection-standard",
    "introspection-repeated",
}


def test_the_adversarial_cells_run(demo):
    from bench.adversarial import adversarial, cases, markdown_lines

    result = adversarial(iterations=2)

    assert set(result) == {case.name for case in cases()}
    for name, row in result.items():
        if name in ANSWERED:
            assert row["statuses"] == [200], (name, row)
        else:
            assert all(400 <= status < 500 for status in row["statuses"]), (name, row)
            assert row["max_sql"] == 0, (name, row)  # a refusal runs no SQL
    assert result["big-body-3MB"]["statuses"] == [413]
    table = "\n".join(markdown_lines(result))
    assert "| fragment-doubling-26 |" in table and "goal met" in table
