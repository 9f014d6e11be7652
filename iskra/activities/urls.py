from django.urls import path

from iskra.activities import views

app_name = "activities"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("feed/", views.feed_settings, name="feed"),
    path("feed/revoke/", views.feed_revoke, name="feed_revoke"),
    path("ical/<str:token>.ics", views.ical, name="ical"),
    path("<slug:slug>/events/new/", views.event_new, name="event_new"),
    path("<slug:slug>/events/<int:pk>/", views.event_detail, name="event"),
    path("<slug:slug>/events/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<slug:slug>/circles/new/", views.circle_new, name="circle_new"),
    path("<slug:slug>/circles/<int:pk>/", views.circle_detail, name="circle"),
    path("<slug:slug>/suggestions/", views.suggestions, name="suggestions"),
    path(
        "<slug:slug>/suggestions/<int:pk>/<str:answer>/",
        views.suggestion_answer,
        name="suggestion_answer",
    ),
]
