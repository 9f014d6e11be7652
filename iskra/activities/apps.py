from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "iskra.activities"
    label = "activities"
