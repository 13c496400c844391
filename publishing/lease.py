"""Leases for the jobs, on the database's clock.

A job claims a row by writing the time into a lease field with a conditional UPDATE,
renews it while it works, and another run may take the row over only once the lease
has not been renewed for `seconds`. Every time is the database's (`Now()`), never a
job host's: two hosts with drifting clocks still agree on whose lease has run out.
"""

import datetime as dt

from django.db.models import DateTimeField, ExpressionWrapper, Q, QuerySet
from django.db.models.functions import Now


def expired_before(*, seconds: float) -> ExpressionWrapper:
    """Leases renewed before this time (on the database's clock) have run out."""
    return ExpressionWrapper(Now() - dt.timedelta(seconds=seconds), output_field=DateTimeField())


def free(*, field: str, seconds: float) -> Q:
    """Rows whose lease in `field` was never taken, or has not been renewed for `seconds`."""
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__lte": expired_before(seconds=seconds)})


def claim(queryset: QuerySet, *, field: str, seconds: float | None, **values) -> int:
    """Take the lease of the free rows (of all of them when `seconds` is None); the number of rows taken."""
    if seconds is not None:
        queryset = queryset.filter(free(field=field, seconds=seconds))
    return renew(queryset, field=field, **values)


def renew(queryset: QuerySet, *, field: str, **values) -> int:
    """Set the lease in `field` to now, with any other `values`; the number of rows renewed."""
    return queryset.update(**{field: Now()}, **values)
