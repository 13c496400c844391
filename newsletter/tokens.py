"""Signed links for confirming and ending a subscription.

A token carries the subscriber's random key, signed with SECRET_KEY and a salt per
purpose, so a confirmation link cannot unsubscribe anyone and vice versa. The
confirmation expires; the unsubscribe token does not, because it sits in every
newsletter ever sent and must keep working for as long as those mails exist.
"""

import datetime as dt
import uuid

from django.core import signing

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def confirm_token_make(*, key: uuid.UUID) -> str:
    return signing.dumps(key.hex, salt=CONFIRM_SALT)


def unsubscribe_token_make(*, key: uuid.UUID) -> str:
    return signing.dumps(key.hex, salt=UNSUBSCRIBE_SALT)


def confirm_token_read(*, token: str, max_age: dt.timedelta) -> uuid.UUID | None:
    """The key in a valid, unexpired confirmation token, else None."""
    return _read(token, salt=CONFIRM_SALT, max_age=max_age)


def unsubscribe_token_read(*, token: str) -> uuid.UUID | None:
    return _read(token, salt=UNSUBSCRIBE_SALT, max_age=None)


def _read(token: str, *, salt: str, max_age: dt.timedelta | None) -> uuid.UUID | None:
    try:
        value = signing.loads(token, salt=salt, max_age=max_age)
        return uuid.UUID(hex=value)
    except (signing.BadSignature, TypeError, ValueError):  # SignatureExpired is a BadSignature
        return None
