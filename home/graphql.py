"""The home page and the site settings in the API."""

import graphene

from pages.graphql.base import context_of, visibility_of
from pages.graphql.types import HomePageType

from .selectors import home_page_get, newsletter_consent_text_of, site_settings_get


class SocialLinkType(graphene.ObjectType):
    network = graphene.String(required=True, description="FACEBOOK or INSTAGRAM.")
    url = graphene.String(required=True)

    class Meta:
        name = "SocialLink"


class SiteSettingsType(graphene.ObjectType):
    """What the website shows on every page: the footer's contact details and links, the signup's consent."""

    organisation_name = graphene.String(required=True)
    contact_email = graphene.String(required=True, description="May be empty.")
    contact_phone = graphene.String(required=True, description="May be empty.")
    facebook_page_url = graphene.String(required=True, description="May be empty.")
    instagram_url = graphene.String(required=True, description="May be empty.")
    social_links = graphene.List(
        graphene.NonNull(SocialLinkType), required=True, description="The links that are filled in, Facebook first."
    )
    newsletter_consent_text = graphene.String(
        required=True, description="The consent the signup shows and stores: the same as newsletterConsentText."
    )

    class Meta:
        name = "SiteSettings"

    def resolve_social_links(root, info):
        links = [("FACEBOOK", root.facebook_page_url), ("INSTAGRAM", root.instagram_url)]
        return [SocialLinkType(network=network, url=url) for network, url in links if url]

    def resolve_newsletter_consent_text(root, info):
        return newsletter_consent_text_of(root)


class HomeQuery(graphene.ObjectType):
    home_page = graphene.Field(HomePageType, description="The site's front page: hero, featured pages and office.")
    site_settings = graphene.Field(SiteSettingsType, required=True)

    def resolve_home_page(root, info):
        return home_page_get(visibility=visibility_of(info), site=context_of(info).site)

    def resolve_site_settings(root, info):
        return site_settings_get(site=context_of(info).site)
