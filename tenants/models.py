"""Tenants, users and memberships: who may see what.

Every business row carries a ``tenant``; reads go through ``for_tenant()``. A staff user
belongs to tenants through ``Membership`` with one role per tenant; a portal user belongs to
one customer of one tenant (``customers.PortalAccount``) and has no membership at all.
"""

from __future__ import annotations

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Tenant(models.Model):
    slug = models.SlugField(max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    locale = models.CharField(_("locale"), max_length=10, default="en")
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Paris")
    # Extraction decision thresholds and other per-tenant settings (see ingestion.decision).
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")  # everything in the tenant, including settings and users
    MANAGER = "manager", _("Manager")  # backlog, forecast, every team's view, master data
    SALES_REP = "sales_rep", _("Sales rep")  # their portfolio of customers
    ORDER_DESK = "order_desk", _("Order desk")  # the validation queue (ADV)
    LOGISTICS = "logistics", _("Logistics")  # deliveries and delivery disputes
    ACCOUNTING = "accounting", _("Accounting")  # invoices and billing disputes


class UserKind(models.TextChoices):
    STAFF = "staff", _("Supplier staff")  # works in the back office through memberships
    PORTAL = "portal", _("Customer portal user")  # one customer of one tenant, portal only


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an email address."""

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("email address"), unique=True)
    kind = models.CharField(max_length=10, choices=UserKind.choices, default=UserKind.STAFF)
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_portal_user(self) -> bool:
        return self.kind == UserKind.PORTAL


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "tenant"], name="membership_unique_user_tenant")
        ]
        ordering = ["tenant__name"]

    def __str__(self) -> str:
        return f"{self.user} @ {self.tenant.slug} ({self.role})"


class TenantQuerySet(models.QuerySet):
    def for_tenant(self, tenant: Tenant | int) -> TenantQuerySet:
        tenant_id = tenant if isinstance(tenant, int) else tenant.pk
        return self.filter(tenant_id=tenant_id)


class TenantOwned(models.Model):
    """Base of every business model: the row belongs to exactly one tenant."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="+")

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True
