from django.contrib import admin

from catalog.models import CustomerProductAlias, PriceList, PriceListItem, Product


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = [
        "sku",
        "description",
        "gtin",
        "unit",
        "list_price",
        "currency",
        "active",
        "tenant",
    ]
    list_filter = ["tenant", "active", "unit", "currency"]
    search_fields = ["sku", "gtin", "description"]


class PriceListItemInline(admin.TabularInline):
    model = PriceListItem
    extra = 0
    exclude = ["tenant"]
    raw_id_fields = ["product"]


@admin.register(PriceList)
class PriceListAdmin(admin.ModelAdmin):
    list_display = ["name", "customer", "currency", "valid_from", "valid_to", "tenant"]
    list_filter = ["tenant", "currency"]
    search_fields = ["name", "customer__code", "customer__name"]
    raw_id_fields = ["customer"]
    inlines = [PriceListItemInline]

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            obj.tenant_id = form.instance.tenant_id
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(CustomerProductAlias)
class CustomerProductAliasAdmin(admin.ModelAdmin):
    list_display = ["customer_sku", "customer", "product", "learned", "tenant"]
    list_filter = ["tenant", "learned"]
    search_fields = ["customer_sku", "customer__code", "product__sku"]
    raw_id_fields = ["customer", "product"]


@admin.register(PriceListItem)
class PriceListItemAdmin(admin.ModelAdmin):
    list_display = ["price_list", "product", "min_quantity", "unit_price", "tenant"]
    list_filter = ["tenant"]
    raw_id_fields = ["price_list", "product"]
