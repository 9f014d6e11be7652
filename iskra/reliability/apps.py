from django.apps import AppConfig


class ReliabilityConfig(AppConfig):
    name = "iskra.reliability"
    label = "reliability"
