from django.urls import path

from ingestion import views

app_name = "ingestion"

urlpatterns = [
    path("", views.message_list, name="messages"),
    path("messages/<int:pk>/", views.message_detail, name="message"),
    path("messages/<int:pk>/raw/", views.message_raw, name="message_raw"),
    path("messages/<int:pk>/retry/", views.message_retry, name="message_retry"),
    path("messages/<int:pk>/handled/", views.message_handled, name="message_handled"),
    path("documents/", views.document_list, name="documents"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/retry/", views.document_retry, name="document_retry"),
    path("documents/<int:pk>/handled/", views.document_handled, name="document_handled"),
    path("attention/", views.attention, name="attention"),
    path("upload/", views.upload, name="upload"),
    path("mailboxes/", views.mailbox_list, name="mailboxes"),
    path("mailboxes/new/", views.mailbox_create, name="mailbox_create"),
    path("mailboxes/<int:pk>/", views.mailbox_detail, name="mailbox"),
    path("mailboxes/<int:pk>/test/", views.mailbox_test, name="mailbox_test"),
    path("mailboxes/<int:pk>/poll/", views.mailbox_poll_now, name="mailbox_poll"),
    path("hooks/", views.hooks, name="hooks"),
    path("hooks/<slug:tenant_slug>/email/", views.hook_email, name="hook_email"),
    path("hooks/<slug:tenant_slug>/fax/", views.hook_fax, name="hook_fax"),
]
