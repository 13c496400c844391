"""GraphQL types and root fields for the plan's pages."""

import graphene

from .models import PlanPeriodPage


class PlanPeriod(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    slug = graphene.String(required=True)
    start_date = graphene.Date()
    end_date = graphene.Date()
    motto = graphene.String(required=True)


class PagesQuery(graphene.ObjectType):
    plan_periods = graphene.List(graphene.NonNull(PlanPeriod), required=True)

    def resolve_plan_periods(root, info):
        return PlanPeriodPage.objects.live().public().order_by("-start_date")
