from django.urls import include, path

from iskra.core import views as core_views
from iskra.reliability import views as reliability_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("allauth.urls")),
    path("me/", include("iskra.accounts.urls")),
    path("c/", include("iskra.network.urls")),
    path("people/", include("iskra.people.urls")),
    path("press/", include("iskra.press.urls")),
    path("distribution/", include("iskra.distribution.urls")),
    path("activities/", include("iskra.activities.urls")),
    path("finance/", include("iskra.finance.urls")),
    path("reports/", include("iskra.reports.urls")),
    path("conferences/", include("iskra.conferences.urls")),
    path("p/", include("iskra.press.public_urls")),
    path("jobs/", include("iskra.reliability.urls")),
    path("healthz", reliability_views.healthz, name="healthz"),
]
