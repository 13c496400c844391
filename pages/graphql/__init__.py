"""GraphQL types and root fields for the plan's pages (explicit re-exports)."""

from .queries import PagesQuery

__all__ = ["PagesQuery"]
