from django.urls import path

from navet.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("kunskap/", views.entry_list, name="entry-list"),
    path("kunskap/ny/", views.entry_create, name="entry-create"),
    path("kunskap/<int:pk>/", views.entry_detail, name="entry-detail"),
    path("kunskap/<int:pk>/andra/", views.entry_edit, name="entry-edit"),
    path("kunskap/<int:pk>/ateranvand/", views.entry_reuse, name="entry-reuse"),
    path("kunskap/filer/<int:pk>/", views.attachment_download, name="attachment-download"),
    path("kunskap/relaterade/behov/<int:pk>/", views.related_to_need, name="related-need"),
    path("kunskap/relaterade/projekt/<int:pk>/", views.related_to_project, name="related-project"),
]
