from django.urls import path

from navet.decisions import views
from navet.decisions.views import agreement, boards, meetings, steering

app_name = "decisions"

urlpatterns = [
    path("beslut/", views.motion_list, name="motion-list"),
    path("beslut/nytt/", views.motion_create, name="motion-create"),
    path("beslut/<int:pk>/", views.motion_detail, name="motion-detail"),
    path("beslut/<int:pk>/andra/", views.motion_edit, name="motion-edit"),
    path("beslut/<int:pk>/rosta/", views.vote, name="motion-vote"),
    path("beslut/<int:pk>/stang/", views.motion_close, name="motion-close"),
    path("beslut/<int:pk>/protokoll/", views.motion_minutes, name="motion-minutes"),
    path(
        "beslut/<int:pk>/protokollsutdrag.<str:fmt>",
        views.motion_extract,
        name="motion-extract",
    ),
    path("beslut/<int:pk>/dokument/", views.document_attach, name="document-attach"),
    path("beslut/dokument/<int:pk>/", views.document_download, name="document-download"),
    path("beslut/moten/", meetings.meeting_list, name="meeting-list"),
    path("beslut/moten/nytt/", meetings.meeting_create, name="meeting-create"),
    path("beslut/moten/<int:pk>/", meetings.meeting_detail, name="meeting-detail"),
    path("beslut/moten/<int:pk>/andra/", meetings.meeting_edit, name="meeting-edit"),
    path("beslut/moten/<int:pk>/narvaro/", meetings.attendance, name="meeting-attendance"),
    path(
        "beslut/moten/<int:pk>/beslut/<int:motion>/",
        meetings.meeting_decide,
        name="meeting-decide",
    ),
    path("beslut/moten/<int:pk>/kallelse/", meetings.meeting_invite, name="meeting-invite"),
    path("beslut/moten/<int:pk>/kallelse.ics", meetings.meeting_ics, name="meeting-ics"),
    path("beslut/moten/behov/<int:pk>/", meetings.need_meetings, name="need-meetings"),
    path("beslut/deltagande/<slug:slug>/", meetings.participation_view, name="participation"),
    path(
        "beslut/overenskommelse/<slug:slug>/", agreement.agreement_detail, name="agreement-detail"
    ),
    path(
        "beslut/overenskommelse/<slug:slug>/andra/", agreement.agreement_edit, name="agreement-edit"
    ),
    path("beslut/overenskommelse/<slug:slug>/mal/nytt/", agreement.goal_edit, name="goal-create"),
    path(
        "beslut/overenskommelse/<slug:slug>/mal/<int:pk>/andra/",
        agreement.goal_edit,
        name="goal-edit",
    ),
    path(
        "beslut/overenskommelse/mal/<int:pk>/delmal/nytt/",
        agreement.subgoal_create,
        name="subgoal-create",
    ),
    path(
        "beslut/overenskommelse/delmal/<int:pk>/",
        agreement.subgoal_detail,
        name="subgoal-detail",
    ),
    path(
        "beslut/overenskommelse/delmal/<int:pk>/andra/",
        agreement.subgoal_edit,
        name="subgoal-edit",
    ),
    path(
        "beslut/overenskommelse/<slug:slug>/atgard/nytt/",
        agreement.action_edit,
        name="action-create",
    ),
    path(
        "beslut/overenskommelse/<slug:slug>/atgard/<int:pk>/andra/",
        agreement.action_edit,
        name="action-edit",
    ),
    path(
        "beslut/overenskommelse/<slug:slug>/uppfoljning/",
        agreement.followup,
        name="followup",
    ),
    path(
        "beslut/overenskommelse/<slug:slug>/uppfoljning.<str:fmt>",
        agreement.followup_document,
        name="followup-document",
    ),
    path("beslut/projekt/<int:pk>/namnder/", boards.project_boards, name="project-boards"),
    path("beslut/projekt/<int:pk>/styrgrupp/", boards.project_steering, name="project-steering"),
    path(
        "beslut/projekt/<int:pk>/tjansteutlatande/<int:municipality>.docx",
        boards.board_memo,
        name="board-memo",
    ),
    path(
        "beslut/projekt/<int:pk>/namndbeslut/<int:municipality>/",
        boards.board_decision,
        name="board-decision",
    ),
    path("beslut/styrgrupp/<slug:slug>/", steering.deputies, name="deputies"),
    path(
        "beslut/styrgrupp/<slug:slug>/<int:pk>/ta-bort/",
        steering.seat_remove,
        name="seat-remove",
    ),
]
