from django.urls import path

from iskra.reliability import views

app_name = "reliability"
urlpatterns = [
    path("backups/", views.backups, name="backups"),
    path("backups/start/", views.backup_start, name="backup_start"),
    path("<uuid:pk>/", views.job_detail, name="job"),
    path("<uuid:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("<uuid:pk>/download/", views.job_download, name="job_download"),
]
