"""Wagtail's other name for `update_index` (the same command upstream): the same rebuild, then the same bump."""

from .update_index import Command

__all__ = ["Command"]
