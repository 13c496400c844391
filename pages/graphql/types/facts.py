"""Dated, sourced facts: key figures and the criteria of the official lists."""

import graphene


class KeyFigureType(graphene.ObjectType):
    label = graphene.String(required=True, description="E.g. 'Lejemål' or 'Beboere'.")
    value = graphene.Float(required=True)
    unit = graphene.String(required=True, description="E.g. 'antal' or '%'; may be empty.")
    as_of = graphene.Date(description="The day the figure was counted; null when the source does not say.")
    source_url = graphene.String(required=True, description="Where the figure is published; may be empty.")

    class Meta:
        name = "KeyFigure"

    def resolve_value(root, info):
        return float(root.value)


class CriterionType(graphene.ObjectType):
    """One criterion of the official 1 December lists (employment, crime, education, income …)."""

    code = graphene.String(required=True)
    label = graphene.String(required=True)
    description = graphene.String(required=True)

    class Meta:
        name = "Criterion"


def key_figures_of(root) -> list:
    """Prefetched by the selectors; sorted here so the order is the same either way."""
    return sorted(root.key_figures.all(), key=lambda figure: (figure.label, figure.pk))
