from django.urls import path

from iskra.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/<int:pk>/end/", views.session_end, name="session_end"),
    path("sessions/end-others/", views.sessions_end_others, name="sessions_end_others"),
    path("members/<int:pk>/end-sessions/", views.member_sessions_end, name="member_sessions_end"),
    path(
        "members/<int:pk>/compromised/",
        views.member_compromised,
        name="member_compromised",
    ),
    path("members/<int:pk>/exposure/", views.member_exposure, name="member_exposure"),
    path("members/<int:pk>/restore/", views.member_restore, name="member_restore"),
    path("language/", views.language_switch, name="language"),
    path("join/<str:token>/", views.join, name="join"),
    path("activity/", views.activity, name="activity"),
]
