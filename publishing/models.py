"""The ledger of posts to social channels: what was posted where, and what is still due."""

from django.db import models


class SocialChannel(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"


class SocialPostState(models.TextChoices):
    WAITING = "waiting", "Venter"
    POSTING = "posting", "Sendes nu"
    POSTED = "posted", "Opslået"
    FAILED = "failed", "Fejlet"
    SKIPPED = "skipped", "Ikke opslået"


class SocialPost(models.Model):
    """One row per page and channel, written before and after every call to the channel.

    The unique (page, channel) pair is what makes a page go out once: an edited and
    republished page finds its row already posted. The page link is SET_NULL, and
    the title, text and link are kept on the row, so the history of what was posted
    survives the page's deletion. The revision is a plain id, not a foreign key,
    because Wagtail purges old revisions.
    """

    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="side",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="social_posts",
    )
    page_title = models.CharField("sidens titel", max_length=255, blank=True)
    channel = models.CharField("kanal", max_length=20, choices=SocialChannel.choices, default=SocialChannel.FACEBOOK)
    state = models.CharField(
        "status", max_length=20, choices=SocialPostState.choices, default=SocialPostState.WAITING, db_index=True
    )
    revision_id = models.PositiveBigIntegerField("udgave (revision) der blev delt", null=True, blank=True)
    message = models.TextField("tekst i opslaget", blank=True)
    link = models.URLField("link i opslaget", max_length=500, blank=True)
    external_id = models.CharField("opslagets id på Facebook", max_length=100, blank=True)
    permalink = models.URLField("link til opslaget", max_length=500, blank=True)
    attempts = models.PositiveIntegerField("antal forsøg", default=0)
    needs_reconciliation = models.BooleanField(
        "tjek Facebook-siden før næste forsøg",
        default=False,
        help_text="Et tidligere forsøg kan være nået frem til Facebook uden svar. "
        "Før der prøves igen, ses der efter opslaget på Facebook-siden.",
    )
    claim_token = models.CharField("kørsel der sender", max_length=32, blank=True)
    claimed_at = models.DateTimeField("sendt afsted", null=True, blank=True)
    last_error = models.TextField("seneste fejl", blank=True)
    created_at = models.DateTimeField("oprettet", auto_now_add=True)
    updated_at = models.DateTimeField("ændret", auto_now=True)
    posted_at = models.DateTimeField("opslået", null=True, blank=True)

    class Meta:
        verbose_name = "opslag på Facebook"
        verbose_name_plural = "opslag på Facebook"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "channel"], name="social_post_once_per_page_and_channel"),
        ]

    def __str__(self) -> str:
        return f"{self.page_title or 'Slettet side'} ({self.get_state_display().lower()})"
