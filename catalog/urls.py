from django.urls import path

from catalog import views

app_name = "catalog"

urlpatterns = [
    path("", views.product_list, name="list"),
    path("suggestions/", views.product_suggestions, name="suggestions"),
    path("<int:pk>/", views.product_detail, name="detail"),
]
