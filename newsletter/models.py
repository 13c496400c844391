"""Subscribers, monthly issues and the per-recipient delivery ledger.

Personal data is kept to what the newsletter needs: the address, when and to which
wording consent was given, and when it was confirmed. No IP address is stored (the
rate limit keeps hashed counters in the cache for an hour). An unsubscribed address
is deleted at once, together with its delivery rows: nothing about the person is
left to erase later, and a new subscription always starts with a new confirmation.
"""

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models

# A line break in a header would end the header: Django refuses to send such a message at all.
subject_has_no_line_break = RegexValidator(
    r"[\r\n]", inverse_match=True, message="Emnet skal stå på én linje (uden linjeskift)."
)


class SubscriberState(models.TextChoices):
    PENDING = "pending", "Afventer bekræftelse"
    CONFIRMED = "confirmed", "Bekræftet"


class Subscriber(models.Model):
    email = models.EmailField(
        "e-mailadresse",
        unique=True,
        help_text="Gemmes i én form (små bogstaver, domænet i ASCII), så samme postkasse kun findes én gang.",
    )
    # Signed links carry this random key rather than the row id, so a link can never
    # reach a later subscription that happens to reuse an id.
    key = models.UUIDField("nøgle", default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(
        "status", max_length=20, choices=SubscriberState.choices, default=SubscriberState.PENDING, db_index=True
    )
    consent_text = models.TextField("samtykketekst", help_text="Ordlyden af det samtykke, personen gav.")
    consent_at = models.DateTimeField("samtykke givet")
    created_at = models.DateTimeField("oprettet", auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField("bekræftet", null=True, blank=True)

    class Meta:
        verbose_name = "abonnent"
        verbose_name_plural = "abonnenter"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.email


class IssueState(models.TextChoices):
    DRAFT = "draft", "Kladde"
    APPROVED = "approved", "Godkendt"
    SENDING = "sending", "Sendes"
    SENT = "sent", "Sendt"


class NewsletterIssue(models.Model):
    month = models.DateField("måned", unique=True, help_text="Den første dag i måneden, udgaven dækker.")
    subject = models.CharField(
        "emne",
        max_length=200,
        validators=[subject_has_no_line_break],
        help_text="Emnelinjen i modtagernes indbakke.",
    )
    intro = models.TextField(
        "indledning",
        blank=True,
        help_text="Redaktionens tekst øverst i nyhedsbrevet. Bevares, når udgaven bygges igen.",
    )
    # What the build read from the API: the HTML and text are rendered from it and the
    # intro, so editing the intro never needs another read of the CMS.
    content = models.JSONField("indhold", default=dict, editable=False)
    html = models.TextField("HTML", blank=True, editable=False)
    text = models.TextField("tekstversion", blank=True, editable=False)
    state = models.CharField(
        "status", max_length=20, choices=IssueState.choices, default=IssueState.DRAFT, db_index=True
    )
    built_at = models.DateTimeField("bygget", null=True, blank=True, editable=False)
    approved_at = models.DateTimeField("godkendt", null=True, blank=True, editable=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="godkendt af",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    sent_at = models.DateTimeField("sendt", null=True, blank=True, editable=False)
    # One sending run per issue at a time: the run that holds the lease renews it before
    # every attempt, so another run can take it over only from a run that has died.
    send_lease = models.UUIDField("afsendelseskørsel", null=True, blank=True, editable=False)
    send_lease_renewed_at = models.DateTimeField(
        "afsendelseskørsel sidst i live", null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = "udgave af nyhedsbrevet"
        verbose_name_plural = "udgaver af nyhedsbrevet"
        ordering = ["-month"]
        # Editors build, preview and test; only the group "Nyhedsbrev-ansvarlig" approves and sends.
        permissions = [
            ("approve_issue", "Kan godkende en udgave af nyhedsbrevet"),
            ("send_issue", "Kan sende en udgave af nyhedsbrevet til abonnenterne"),
        ]

    def __str__(self) -> str:
        return self.subject or self.month_label

    @property
    def month_label(self) -> str:
        return self.month.strftime("%Y-%m")

    @property
    def is_locked(self) -> bool:
        """Once sending has begun, every recipient must get the same issue."""
        return self.state in (IssueState.SENDING, IssueState.SENT)


class DeliveryState(models.TextChoices):
    PENDING = "pending", "Venter"
    SENDING = "sending", "Afsendes"
    SENT = "sent", "Sendt"
    TEMP_FAILED = "temp_failed", "Midlertidig fejl"
    FAILED = "failed", "Afvist"


class Delivery(models.Model):
    """One recipient of one issue: the ledger that makes a send resumable.

    The rows are created for every confirmed subscriber when sending starts, so the
    recipient list of an issue is fixed then; a subscriber who leaves takes the row
    along (cascade) and is never mailed. The issue cannot take its rows along
    (protect): without the ledger, a rebuilt and re-approved month would mail
    everyone a second time.
    """

    issue = models.ForeignKey(
        NewsletterIssue, verbose_name="udgave", on_delete=models.PROTECT, related_name="deliveries"
    )
    subscriber = models.ForeignKey(
        Subscriber, verbose_name="abonnent", on_delete=models.CASCADE, related_name="deliveries"
    )
    state = models.CharField(
        "status", max_length=20, choices=DeliveryState.choices, default=DeliveryState.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField("forsøg", default=0)
    last_error = models.CharField("seneste fejl", max_length=500, blank=True)
    sent_at = models.DateTimeField("sendt", null=True, blank=True)
    updated_at = models.DateTimeField("opdateret", auto_now=True)

    class Meta:
        verbose_name = "forsendelse"
        verbose_name_plural = "forsendelser"
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once")]

    def __str__(self) -> str:
        return f"{self.issue} → {self.subscriber}"


class ServiceMailSent(models.Model):
    """A service mail (confirmation, "already subscribed") the mail server has accepted, by task id.

    So that a task run again after its worker died does not mail the person twice.
    Holds no personal data: only the task's id.
    """

    key = models.CharField("opgave", max_length=64, unique=True)
    sent_at = models.DateTimeField("sendt", auto_now_add=True)

    class Meta:
        verbose_name = "sendt servicemail"
        verbose_name_plural = "sendte servicemails"

    def __str__(self) -> str:
        return self.key


class RunKind(models.TextChoices):
    BUILD = "build", "Byg udgave"
    TEST = "test", "Testmail"
    SEND = "send", "Afsendelse"


class RunState(models.TextChoices):
    QUEUED = "queued", "I kø"
    RUNNING = "running", "Kører"
    DONE = "done", "Færdig"
    FAILED = "failed", "Fejlet"


class NewsletterRun(models.Model):
    """A build, test mail or send started from the admin and run by the task worker.

    The row is written when the editor asks and updated by the task, so the admin
    shows what happened (or why not) without reading the task queue's own tables.
    """

    kind = models.CharField("opgave", max_length=10, choices=RunKind.choices)
    month = models.DateField("måned")
    state = models.CharField("status", max_length=10, choices=RunState.choices, default=RunState.QUEUED)
    message = models.TextField("resultat", blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="bestilt af", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("bestilt", auto_now_add=True)
    finished_at = models.DateTimeField("færdig", null=True, blank=True)

    class Meta:
        verbose_name = "kørsel"
        verbose_name_plural = "kørsler"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.month:%Y-%m}: {self.get_state_display()}"
