"""The home page: hero, featured pages and the office shown in the footer."""

import graphene

from ..base import html_of, visibility_of
from .interface import PageInterface


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
        from home.selectors import home_featured_pages

        return home_featured_pages(visibility=visibility_of(info), home=root)

    def resolve_office(root, info):
        return root.office if root.office_id else None
