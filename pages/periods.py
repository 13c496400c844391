"""Where a plan period stands on a given day, from its dates alone.

Computed, never stored: a stored "in force" goes stale the day a period ends (the
2021-25 plan still said "Godkendt" a year after it ended).
"""

import datetime as dt

from django.utils import timezone

from .choices import PeriodStatus


def today_in_denmark() -> dt.date:
    """Today's date in Europe/Copenhagen (the project's TIME_ZONE), whatever the server's clock zone."""
    return timezone.localdate()


def period_status(*, start_date: dt.date | None, end_date: dt.date | None, today: dt.date) -> PeriodStatus:
    if start_date is None:
        return PeriodStatus.UNDATED
    if today < start_date:
        return PeriodStatus.UPCOMING
    if end_date is not None and today > end_date:
        return PeriodStatus.ENDED
    return PeriodStatus.IN_FORCE
