from django.urls import path

from iskra.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.collective_reports, name="collective"),
    path("<slug:slug>/<str:period>/", views.report_detail, name="detail"),
    path("<slug:slug>/<str:period>/text/<str:language>/", views.narrative, name="narrative"),
    path("<slug:slug>/<str:period>/submit/", views.submit, name="submit"),
    path("<slug:slug>/<str:period>/correct/", views.correct, name="correct"),
    path("<slug:slug>/<str:period>/remind/<slug:child>/", views.remind, name="remind"),
    path("<slug:slug>/<str:period>/report.pdf", views.pdf, name="pdf"),
    path("<slug:slug>/<str:period>/report.csv", views.csv_file, name="csv"),
    path("<slug:slug>/<str:period>/chart/<str:name>.svg", views.chart, name="chart"),
]
