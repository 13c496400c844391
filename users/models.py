"""Our own user model from the first migration, so fields can be added later without a painful swap."""

from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
        verbose_name = "bruger"
        verbose_name_plural = "brugere"
