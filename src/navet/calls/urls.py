from django.urls import path

from navet.calls import views

app_name = "calls"

urlpatterns = [
    path("utlysningar/", views.call_list, name="call-list"),
    path("utlysningar/<int:pk>/", views.call_detail, name="call-detail"),
    path("finansiarer/", views.funder_list, name="funder-list"),
]
