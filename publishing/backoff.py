"""How long a job waits before it tries an outside service again."""

import random


def backoff_delay(*, attempt: int, base: float, cap: float) -> float:
    """Capped exponential backoff with full jitter (AWS Builders' Library).

    The jitter spreads out the retries of runs that failed together (two schedulers, a
    restarted CMS), so they do not all knock again at the same moment.
    """
    return random.uniform(0, min(cap, base * 2**attempt))
