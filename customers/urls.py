from django.urls import path

from customers import views

app_name = "customers"

urlpatterns = [
    path("", views.customer_list_view, name="list"),
    path("new/", views.customer_create, name="create"),
    path("suggestions/", views.customer_suggestions, name="suggestions"),
    path("<int:pk>/", views.customer_detail, name="detail"),
    path("<int:pk>/edit/", views.customer_edit, name="edit"),
    path("imports/", views.import_upload, name="import"),
    path("imports/<int:pk>/", views.import_batch, name="import_batch"),
    path("imports/<int:pk>/apply/", views.import_batch_apply_view, name="import_batch_apply"),
]
