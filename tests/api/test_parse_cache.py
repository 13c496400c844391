"""The parse cache holds texts, not unbounded trees: a parsed document is ~120 times its text in memory.

Found by the adversarial benchmark: 512 distinct texts of 990 unknown fields kept about
300 MB of trees per process, and every full garbage collection walked them.
"""

import pytest

import api.checks
from api.checks import PREPARED_TEXT_BYTES, check

UNKNOWN = "{ planPeriods { " + " ".join(f"f{i}" for i in range(990)) + " } }"


class Request:
    method = "POST"


@pytest.fixture(autouse=True)
def empty_cache():
    api.checks.clear_prepared()
    yield
    api.checks.clear_prepared()


def test_a_text_validation_refuses_keeps_its_messages_not_its_tree(monkeypatch):
    first = check(Request(), UNKNOWN, None, None)
    assert "Cannot query field 'f0' on type 'PlanPeriodPage'." in first.errors
    size, prepared = api.checks._prepared_cache[UNKNOWN]
    assert prepared.document is None and size < 100

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again")

    monkeypatch.setattr(api.checks, "parse", no_parse)
    assert check(Request(), UNKNOWN, None, None).errors == first.errors


def test_the_trees_kept_are_bounded_by_their_texts():
    texts = [f"# {n}\n{{ planPeriods {{ {' '.join(['title slug'] * 30)} }} }}" for n in range(3_000)]
    assert sum(map(len, texts)) > 2 * PREPARED_TEXT_BYTES
    for text in texts:
        assert check(Request(), text, None, None).errors == ()
    cache = api.checks._prepared_cache
    assert cache.currsize <= PREPARED_TEXT_BYTES
    assert sum(1 for _size, prepared in cache.values() if prepared.document is not None) < len(texts) / 2
    # The newest are kept: a client's own few documents stay parsed.
    assert texts[-1] in cache
