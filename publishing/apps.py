from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "publishing"
    verbose_name = "Udgivelse (Facebook og nyhedsbrev)"
