import datetime as dt

from django.core.management.base import CommandError


def parse_month(value: str) -> dt.date:
    try:
        return dt.datetime.strptime(value, "%Y-%m").date()
    except ValueError:
        raise CommandError(f'--month skal skrives som ÅÅÅÅ-MM, f.eks. 2024-05 (fik "{value}").') from None
