from django.contrib import admin

from customers.models import Address, Contact, Customer, CustomerSender, ImportBatch, PortalAccount


class AddressInline(admin.TabularInline):
    model = Address
    extra = 0
    exclude = ["tenant"]


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    exclude = ["tenant"]


class SenderInline(admin.TabularInline):
    model = CustomerSender
    extra = 0
    exclude = ["tenant"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "tenant", "segment", "vip", "sales_rep", "active"]
    list_filter = ["tenant", "vip", "active", "segment"]
    search_fields = ["code", "name", "vat_number"]
    raw_id_fields = ["sales_rep"]
    list_select_related = ["tenant", "sales_rep"]
    inlines = [AddressInline, ContactInline, SenderInline]

    def save_formset(self, request, form, formset, change):
        # Inline rows belong to the customer's tenant.
        for obj in formset.save(commit=False):
            obj.tenant_id = form.instance.tenant_id
            obj.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()


@admin.register(Address)
class AddressAdmin(admin.ModelAdmin):
    list_display = ["customer", "kind", "city", "country", "is_default", "tenant"]
    list_filter = ["tenant", "kind", "country"]
    search_fields = ["customer__code", "customer__name", "city", "postal_code"]
    raw_id_fields = ["customer"]


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "customer", "receives_acknowledgments", "tenant"]
    list_filter = ["tenant", "receives_acknowledgments"]
    search_fields = ["name", "email", "customer__code", "customer__name"]
    raw_id_fields = ["customer"]


@admin.register(CustomerSender)
class CustomerSenderAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "customer", "tenant"]
    list_filter = ["tenant", "kind"]
    search_fields = ["value", "customer__code", "customer__name"]
    raw_id_fields = ["customer"]


@admin.register(PortalAccount)
class PortalAccountAdmin(admin.ModelAdmin):
    list_display = ["user", "customer", "tenant", "created_at"]
    list_filter = ["tenant"]
    search_fields = ["user__email", "customer__code", "customer__name"]
    raw_id_fields = ["user", "customer"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["created_at", "tenant", "kind", "filename", "status", "created_by"]
    list_filter = ["tenant", "kind", "status"]
    readonly_fields = ["report", "applied_at", "created_at"]
    raw_id_fields = ["created_by"]
