"""The one table of the API layer: content changes whose cache invalidation failed (see api/failed_bumps.py)."""

from django.db import models


class FailedBump(models.Model):
    """A content change was saved, but the response cache's content generation could not be bumped.

    While a row exists, no process serves cached answers; the first process that
    reaches the cache bumps the generation and deletes the rows it has made good.
    """

    created_at = models.DateTimeField("registreret", auto_now_add=True)

    class Meta:
        verbose_name = "mislykket cache-tømning"
        verbose_name_plural = "mislykkede cache-tømninger"

    def __str__(self) -> str:
        return f"Mislykket cache-tømning {self.created_at:%Y-%m-%d %H:%M:%S}"
