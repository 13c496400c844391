"""GraphQL types and root fields for the plan's pages (explicit re-exports).

Importing this package installs the visibility rules (pages/visibility.py) into the
toolkit's request context, where every app's resolvers read them (`visibility_of`).
"""

from api.toolkit.context import visibility_factory_set

from ..visibility import Visibility
from .queries import PagesQuery

visibility_factory_set(Visibility)

__all__ = ["PagesQuery"]
