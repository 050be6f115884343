from django.urls import path, re_path

from navet.calls import views

app_name = "calls"

urlpatterns = [
    path("utlysningar/", views.call_list, name="call-list"),
    re_path(r"^utlysningar/export\.(?P<kind>xlsx|csv)$", views.call_export, name="call-export"),
    path("utlysningar/importera/", views.call_import, name="call-import"),
    path("utlysningar/ny/", views.call_edit, name="call-create"),
    path("utlysningar/<int:pk>/andra/", views.call_edit, name="call-edit"),
    path("utlysningar/<int:pk>/", views.call_detail, name="call-detail"),
    path("utlysningar/<int:pk>/folj/", views.call_follow, name="call-follow"),
    path("kalender/", views.deadline_calendar_page, name="calendar"),
    path("kalender/adress/", views.calendar_feed_address, name="calendar-address"),
    path("kalender/<str:token>.ics", views.calendar_feed, name="calendar-feed"),
    path("finansiarer/", views.funder_list, name="funder-list"),
    path("bevakning/", views.watch, name="watch"),
    path("kallor/", views.source_list, name="source-list"),
    path("kallor/<int:pk>/", views.source_detail, name="source-detail"),
    path("kallor/<int:pk>/hamta/", views.source_run, name="source-run"),
    path("kallor/korningar/<int:pk>/", views.run_detail, name="run-detail"),
    path("kallor/korningar/<int:pk>/registrera/", views.run_register, name="run-register"),
    path("kallor/korningar/<int:pk>/granskad/", views.run_reviewed, name="run-reviewed"),
]
