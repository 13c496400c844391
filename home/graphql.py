"""The home page and the site settings in the API."""

import graphene

from api.toolkit.context import context_of, visibility_of
from pages.graphql.base import html_of
from pages.graphql.types import PageInterface, page_type_register

from .models import HomePage
from .selectors import home_featured_pages, home_page_get, newsletter_consent_text_of, site_settings_get


# The home page: hero, featured pages and the office shown in the footer. (No docstring:
# graphene would publish it as the type's description.)
class HomePageType(graphene.ObjectType):
    hero_title = graphene.String(required=True, description="The headline of the front page; may be empty.")
    intro = graphene.String(required=True, description="HTML: the hero text.")
    featured = graphene.List(
        graphene.NonNull(PageInterface),
        required=True,
        description="Pages the editors feature, in their order; hidden pages are left out.",
    )
    office = graphene.Field("organisations.graphql.ContactPointType", description="The contact point in the footer.")

    class Meta:
        name = "HomePage"
        interfaces = (PageInterface,)

    def resolve_intro(root, info):
        return html_of(info, root.hero_intro)

    def resolve_featured(root, info):
        if hasattr(root, "visible_featured"):  # set by home_page_get
            return root.visible_featured
        return home_featured_pages(visibility=visibility_of(info), home=root)

    def resolve_office(root, info):
        return root.office if root.office_id else None


# The Page interface and the search results find the home page's type here (pages does not import home).
page_type_register(HomePage, HomePageType)


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
