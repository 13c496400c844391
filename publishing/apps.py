from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Udgivelse (Facebook og nyhedsbrev)"

    def ready(self):
        from . import signals  # noqa: F401 -- connects the receivers
