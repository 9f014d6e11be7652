from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "iskra.network"
    label = "network"
