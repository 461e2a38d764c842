from django.urls import path

from orders import views

app_name = "orders"

urlpatterns = [
    path("", views.order_list_view, name="list"),
    path("new/", views.order_create_view, name="create"),
    path("<int:pk>/", views.order_detail, name="detail"),
    path("<int:pk>/edit/", views.order_edit, name="edit"),
    path("<int:pk>/validate/", views.order_validate_view, name="validate"),
    path("<int:pk>/hold/", views.order_hold_view, name="hold"),
    path("<int:pk>/cancel/", views.order_cancel_view, name="cancel"),
    path(
        "<int:pk>/acknowledgment/", views.order_resend_acknowledgment, name="resend_acknowledgment"
    ),
    path("<int:pk>/export/", views.order_retry_export, name="retry_export"),
    path("<int:pk>/pdf/", views.order_pdf, name="pdf"),
    path("exports/failed/", views.export_failures, name="export_failures"),
    path("erp/", views.erp_settings, name="erp_settings"),
    path("fulfilment/import/", views.fulfilment_import, name="fulfilment_import"),
]
