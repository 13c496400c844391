"""The newsletter in the API: three mutations for the signup form, and the archive of sent issues.

Subscribers are never a GraphQL type: no field returns anything about them.
"""

import datetime as dt

import graphene
from graphql import GraphQLError

from api.toolkit.sizes import MAX_LIST_LIMIT, size_check

from . import links, selectors, services
from .addresses import email_normalise
from .build import issue_html_for_web, issue_text_for_web
from .ratelimit import RATE_LIMITED, subscribe_is_rate_limited


class NewsletterResult(graphene.ObjectType):
    ok = graphene.Boolean(required=True)
    message = graphene.String(required=True, description="A Danish sentence to show the user.")


def _result(result: services.Result) -> NewsletterResult:
    return NewsletterResult(ok=result.ok, message=result.message)


class SubscribeToNewsletter(graphene.Mutation):
    """Start a subscription: a confirmation mail is sent. The answer never tells whether the address is known."""

    class Arguments:
        email = graphene.String(required=True)
        consent = graphene.Boolean(required=True, description="The user agreed to `newsletterConsentText`.")

    Output = NewsletterResult

    def mutate(root, info, email, consent):
        if subscribe_is_rate_limited(request=info.context, email=email_normalise(email=email)):
            return NewsletterResult(ok=False, message=RATE_LIMITED)
        return _result(services.newsletter_subscribe(email=email, consent=consent))


class ConfirmNewsletterSubscription(graphene.Mutation):
    class Arguments:
        token = graphene.String(required=True, description="The token from the link in the confirmation mail.")

    Output = NewsletterResult

    def mutate(root, info, token):
        return _result(services.newsletter_confirm(token=token))


class UnsubscribeFromNewsletter(graphene.Mutation):
    class Arguments:
        token = graphene.String(required=True, description="The token from the unsubscribe link in a newsletter.")

    Output = NewsletterResult

    def mutate(root, info, token):
        return _result(services.newsletter_unsubscribe(token=token))


class NewsletterMutation(graphene.ObjectType):
    subscribe_to_newsletter = SubscribeToNewsletter.Field(required=True)
    confirm_newsletter_subscription = ConfirmNewsletterSubscription.Field(required=True)
    unsubscribe_from_newsletter = UnsubscribeFromNewsletter.Field(required=True)


class NewsletterIssueType(graphene.ObjectType):
    subject = graphene.String(required=True)
    month = graphene.String(required=True, description='The month the issue covers, "YYYY-MM".')
    html = graphene.String(required=True, description="The e-mail's HTML, without any personal link.")
    text = graphene.String(required=True, description="The plain-text version.")
    web_url = graphene.String(required=True, description="The issue's page on the public website.")
    sent_at = graphene.DateTime()

    class Meta:
        name = "NewsletterIssue"

    def resolve_month(root, info):
        return root.month_label

    def resolve_html(root, info):
        return issue_html_for_web(issue=root)

    def resolve_text(root, info):
        return issue_text_for_web(issue=root)

    def resolve_web_url(root, info):
        return links.issue_web_url(month_label=root.month_label)


class NewsletterQuery(graphene.ObjectType):
    newsletter_issues = graphene.List(
        graphene.NonNull(NewsletterIssueType),
        required=True,
        limit=graphene.Int(default_value=12),
        description="Sent issues, newest first.",
    )
    newsletter_issue = graphene.Field(
        NewsletterIssueType, month=graphene.String(required=True, description='"YYYY-MM"')
    )
    newsletter_consent_text = graphene.String(
        required=True,
        description="The consent the signup form must show; stored with each subscription. "
        "Edited in the site settings (the same text as siteSettings.newsletterConsentText).",
    )

    def resolve_newsletter_issues(root, info, limit):
        size_check("limit", limit, maximum=MAX_LIST_LIMIT)
        return list(selectors.newsletter_issue_list_sent(limit=limit))

    def resolve_newsletter_issue(root, info, month):
        try:
            first_day = dt.datetime.strptime(month, "%Y-%m").date()
        except ValueError:
            raise GraphQLError('month skal skrives som "ÅÅÅÅ-MM", f.eks. "2024-05".') from None
        return selectors.newsletter_issue_get_sent(month=first_day)

    def resolve_newsletter_consent_text(root, info):
        from api.toolkit.context import context_of
        from home.selectors import newsletter_consent_text_get

        return newsletter_consent_text_get(site=context_of(info).site)
