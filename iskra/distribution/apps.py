from django.apps import AppConfig


class DistributionConfig(AppConfig):
    name = "iskra.distribution"
    label = "distribution"
