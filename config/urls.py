from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("tenants.urls")),
    path("customers/", include("customers.urls")),
    path("catalog/", include("catalog.urls")),
    path("orders/", include("orders.urls")),
    path("desk/", include("desk.urls")),
    path("inbox/", include("ingestion.urls")),
    path("disputes/", include("disputes.urls")),
    path("dashboards/", include("dashboards.urls")),
    path("insights/", include("insights.urls")),
    path("portal/", include("portal.urls")),
    path("api/", include("config.api_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
