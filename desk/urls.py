from django.urls import path

from desk import views

app_name = "desk"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("next/", views.next_order, name="next"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("orders/<int:pk>/", views.review, name="review"),
    path("orders/<int:pk>/claim/", views.claim, name="claim"),
    path("orders/<int:pk>/lock/", views.lock, name="lock"),
    path("orders/<int:pk>/unlock/", views.unlock, name="unlock"),
    path("orders/<int:pk>/header/", views.header_save, name="header_save"),
    path("orders/<int:pk>/lines/add/", views.line_add, name="line_add"),
    path("orders/<int:pk>/lines/<int:line_pk>/", views.line_save, name="line_save"),
    path(
        "orders/<int:pk>/lines/<int:line_pk>/<str:action>/", views.line_action, name="line_action"
    ),
    path("orders/<int:pk>/issues/accept/", views.issue_accept, name="issue_accept"),
    path("orders/<int:pk>/products/", views.products, name="products"),
    path("orders/<int:pk>/customers/", views.customers, name="customers"),
    path("orders/<int:pk>/approve/", views.approve, name="approve"),
    path("orders/<int:pk>/reject/", views.reject, name="reject"),
    path("orders/<int:pk>/hold/", views.hold, name="hold"),
    path("orders/<int:pk>/merge/", views.merge, name="merge"),
    path("orders/<int:pk>/split/", views.split, name="split"),
    path("pages/<int:pk>/", views.page_image, name="page_image"),
    path("documents/<int:pk>/", views.document_file, name="document_file"),
]
