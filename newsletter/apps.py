from django.apps import AppConfig


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = "Nyhedsbrev"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
