from django.apps import AppConfig


class PressConfig(AppConfig):
    name = "iskra.press"
    label = "press"
