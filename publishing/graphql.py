"""The Facebook publisher's read: which pages are due to be shared, served to the job through the API."""

import graphene

from api.toolkit.context import context_of, visibility_of
from api.toolkit.sizes import MAX_LIST_LIMIT, size_check

from .selectors import facebook_candidate_list


class FacebookCandidate(graphene.ObjectType):
    page_id = graphene.ID(required=True)
    revision_id = graphene.ID(
        description="The live revision, or null for a page published without one (e.g. imported)."
    )
    title = graphene.String(required=True)
    message = graphene.String(required=True, description="The editor's Facebook text, or title and teaser.")
    link = graphene.String(required=True, description="Absolute URL on the public website.")
    image_url = graphene.String(description="Absolute URL of a 1200x630 rendition, or null.")
    first_published_at = graphene.DateTime(required=True)


class PublishingQuery(graphene.ObjectType):
    facebook_candidates = graphene.List(
        graphene.NonNull(FacebookCandidate),
        required=True,
        published_since=graphene.DateTime(required=True),
        limit=graphene.Int(default_value=50),
    )

    def resolve_facebook_candidates(root, info, published_since, limit):
        size_check("limit", limit, maximum=MAX_LIST_LIMIT)
        return [
            FacebookCandidate(**candidate)
            for candidate in facebook_candidate_list(
                visibility=visibility_of(info),
                site_root_path=context_of(info).site_root_path,
                published_since=published_since,
                limit=limit,
            )
        ]
