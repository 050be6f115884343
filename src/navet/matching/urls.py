from django.urls import path

from navet.matching import views

app_name = "matching"

urlpatterns = [
    path("behov/<int:pk>/forslag/", views.need_suggestions_view, name="need-suggestions"),
    path("matchningar/", views.matches_page, name="matches"),
    path("matchningar/sedda/", views.matches_seen, name="matches-seen"),
    path(
        "matchningar/<int:need>/<int:call>/avfarda/",
        views.match_dismiss_view,
        name="match-dismiss",
    ),
    path(
        "matchningar/avfardade/<int:pk>/aterstall/",
        views.match_restore_view,
        name="match-restore",
    ),
]
