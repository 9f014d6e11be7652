from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "iskra.people"
    label = "people"
