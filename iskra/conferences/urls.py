from django.urls import path

from iskra.conferences import views

app_name = "conferences"
urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/delegates/", views.delegate_add, name="delegate_add"),
    path("<int:pk>/agenda/", views.agenda_add, name="agenda_add"),
    path("<int:pk>/agenda/<int:item>/minutes/", views.minutes, name="minutes"),
    path("<int:pk>/amendments/close/", views.amendments_close, name="amendments_close"),
    path("<int:pk>/motions/", views.motion_new, name="motion_new"),
    path("<int:pk>/motions/<int:number>/", views.motion, name="motion"),
    path("<int:pk>/motions/<int:number>/amend/", views.amend, name="amend"),
    path("<int:pk>/motions/<int:number>/amendments/<int:amendment>/", views.decide, name="decide"),
    path("<int:pk>/motions/<int:number>/vote/", views.vote, name="vote"),
    path("<int:pk>/motions/<int:number>/decision/", views.decision_new, name="decision_new"),
    path("<int:pk>/contribute/", views.contribute, name="contribute"),
    path("<int:pk>/contributions/<int:contribution>/", views.contribution, name="contribution"),
    path("<int:pk>/booklet.pdf", views.booklet_pdf, name="booklet"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
]
