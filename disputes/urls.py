from django.urls import path

from disputes import views

app_name = "disputes"

urlpatterns = [
    path("", views.dispute_list_view, name="list"),
    path("new/", views.dispute_create, name="create"),
    path("<int:pk>/", views.dispute_detail, name="detail"),
    path("<int:pk>/assign/", views.dispute_assign_view, name="assign"),
    path("<int:pk>/status/", views.dispute_status_view, name="status"),
    path("<int:pk>/resolve/", views.dispute_resolve_view, name="resolve"),
    path("<int:pk>/comments/", views.dispute_comment_view, name="comment"),
]
