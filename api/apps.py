from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "API"

    def ready(self):
        from django.test.signals import setting_changed

        from . import cache, circuit, invalidation

        invalidation.connect()
        circuit.quiet_refused_calls()
        setting_changed.connect(cache.on_setting_changed, dispatch_uid="api.cache.settings")
