"""Documents and images as GraphQL types.

Images come only in the named renditions of `renditions.py`.
"""

import graphene

from api.toolkit.fields import enum_from_choices
from api.toolkit.foreign import foreign_page

from .choices import DocumentKind
from .links import absolute_url
from .renditions import RENDITIONS

DocumentKindEnum = enum_from_choices("DocumentKind", DocumentKind)

RenditionNameEnum = graphene.Enum("RenditionName", [(name, name) for name in RENDITIONS])


class RenditionType(graphene.ObjectType):
    url = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    src_set = graphene.String(required=True, description="For the <img srcset> attribute.")

    class Meta:
        name = "Rendition"


class ImageType(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    alt_text = graphene.String(required=True)
    credit = graphene.String(required=True)
    width = graphene.Int(required=True)
    height = graphene.Int(required=True)
    rendition = graphene.Field(RenditionType, args={"name": graphene.Argument(RenditionNameEnum, required=True)})

    class Meta:
        name = "Image"

    def resolve_alt_text(root, info):
        return root.description or ""

    def resolve_rendition(root, info, name):
        name = getattr(name, "value", name)
        spec, set_specs = RENDITIONS[name]
        renditions = root.get_renditions(spec, *set_specs)
        main = renditions[spec]
        src_set = ", ".join(f"{absolute_url(renditions[s].url)} {renditions[s].width}w" for s in set_specs) or (
            f"{absolute_url(main.url)} {main.width}w"
        )
        return RenditionType(url=absolute_url(main.url), width=main.width, height=main.height, src_set=src_set)


class DocumentType(graphene.ObjectType):
    id = graphene.ID(required=True)
    title = graphene.String(required=True)
    kind = graphene.Field(DocumentKindEnum, required=True)
    kind_label = graphene.String(required=True)
    url = graphene.String(required=True, description="Absolute download URL.")
    file_size = graphene.Int(description="Bytes.")
    file_extension = graphene.String(required=True)
    published_on = graphene.Date()
    description = graphene.String(required=True)
    plan_period = graphene.Field("pages.graphql.types.PlanPeriodPageType")
    publisher = graphene.Field("organisations.graphql.OrganisationType")
    external_url = graphene.String(required=True, description="The same document elsewhere (e.g. issuu); may be empty.")

    class Meta:
        name = "Document"

    def resolve_kind_label(root, info):
        return root.get_kind_display()

    def resolve_url(root, info):
        return absolute_url(root.url)

    def resolve_file_extension(root, info):
        return root.file_extension

    def resolve_plan_period(root, info):
        return foreign_page(info, root, "plan_period")
