"""An SMTP backend that dies like a killed process, at a chosen point of a send."""

from django.core.mail.backends.smtp import EmailBackend


class Killed(BaseException):
    """Like SIGKILL for the sender: not an Exception, so no `except Exception` can swallow it."""


class KillingBackend(EmailBackend):
    """Real SMTP; dies before message number `before` (1-based), or after the server accepted `after`."""

    before: int | None = None
    after: int | None = None
    calls = 0

    def send_messages(self, email_messages):
        type(self).calls += 1
        if self.before is not None and type(self).calls == self.before:
            raise Killed
        sent = super().send_messages(email_messages)
        if self.after is not None and type(self).calls == self.after:
            raise Killed
        return sent
