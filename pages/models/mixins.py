"""Abstract page mixins that bring their own fields and panels.

Order on every page class: mixins first, `Page` last.
"""

from django.conf import settings
from django.db import models
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Site

from ..panels import RegisteredStatusPanels
from ..richtext import frontend_path

FACEBOOK_TEXT_MAX_LENGTH = 500


class HeadlessPageMixin(models.Model):
    """The public website is a separate frontend; the CMS renders pages only as a reference.

    "Vis live", the LIVE badge and `/` send the editor to the frontend when it is set up
    and answers. Otherwise, and in Wagtail's preview panel, the CMS shows its own plain
    rendering of exactly what the API returns (pages/reference.py).
    """

    preview_modes = [("", "CMS'ets egen visning")]
    default_preview_mode = ""

    class Meta:
        abstract = True

    @property
    def frontend_path(self) -> str:
        """The page's path on its site ("/nyheder/x/"), which the frontend routes on.

        The site is the first whose root holds the page, in Wagtail's order (most specific
        root first); the API computes the same path from the request's site.
        """
        roots = [root.root_path for root in Site.get_site_root_paths() if self.url_path.startswith(root.root_path)]
        return frontend_path(self, roots[0]) if roots else self.url_path

    @property
    def frontend_url(self) -> str:
        return f"{settings.FRONTEND_BASE_URL}{self.frontend_path}"

    def serve(self, request, *args, **kwargs):
        from pages.reference import frontend_answers, reference_response

        if frontend_answers():
            return redirect(self.frontend_url)
        return reference_response(request=request, page=self, preview=False)

    def serve_preview(self, request, mode_name):
        from pages.reference import reference_response

        return reference_response(request=request, page=self, preview=True)


class ListingMixin(models.Model):
    teaser = models.TextField(
        "manchet",
        blank=True,
        max_length=400,
        help_text="Kort tekst i oversigter og søgeresultater på hjemmesiden, i nyhedsbrevet og i Facebook-opslaget, hvis feltet til Facebook er tomt. Højst 400 tegn.",
    )
    listing_image = models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        verbose_name="billede til oversigter",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Billedet ved siden i oversigter på hjemmesiden, i nyhedsbrevet og i Facebook-opslaget. Husk den alternative tekst på billedet.",
    )

    listing_panels = [
        MultiFieldPanel([FieldPanel("teaser"), FieldPanel("listing_image")], heading="Visning i oversigter")
    ]

    class Meta:
        abstract = True


class SocialShareMixin(models.Model):
    """What goes to Facebook and the newsletter besides the website."""

    share_on_facebook = models.BooleanField(
        "del på Facebook",
        default=False,
        help_text="Markér, og siden deles én gang på Facebook-siden, når den er udgivet. Sider, der blev udgivet første gang for længe siden, deles ikke.",
    )
    facebook_text = models.TextField(
        "tekst til Facebook-opslag",
        blank=True,
        max_length=FACEBOOK_TEXT_MAX_LENGTH,
        help_text=f"Højst {FACEBOOK_TEXT_MAX_LENGTH} tegn. Tom betyder: titel og manchet bruges.",
    )
    include_in_newsletter = models.BooleanField(
        "med i nyhedsbrevet",
        default=True,
        help_text="Markér, og siden kommer med i nyhedsbrevet (nyheder i måneden, de er udgivet; arrangementer i måneden før de finder sted).",
    )

    distribution_panels = [
        MultiFieldPanel(
            [
                FieldPanel("share_on_facebook"),
                FieldPanel("facebook_text"),
                RegisteredStatusPanels(),  # e.g. "Status på Facebook", from publishing
                FieldPanel("include_in_newsletter"),
            ],
            heading="Facebook og nyhedsbrev",
        )
    ]

    class Meta:
        abstract = True
