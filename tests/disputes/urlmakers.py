from disputes.models import DisputeType
from disputes.services import dispute_open
from tests.factories import CustomerFactory, MembershipFactory, OrderLineFactory, UserFactory
from tests.urlmap import FOREIGN_MARKER, register, register_foreign


def make_dispute(tenant, name="Customer", type=DisputeType.DAMAGED):
    line = OrderLineFactory(order__customer=CustomerFactory(tenant=tenant, name=name))
    actor = MembershipFactory(tenant=tenant, role="logistics", user=UserFactory()).user
    return dispute_open(
        tenant=tenant,
        customer=line.order.customer,
        type=type,
        actor=actor,
        order=line.order,
        lines=[line],
        description=f"{name}: two boxes crushed",
        amount="20.00",
    )


@register("disputes:detail")
@register("disputes:assign")
@register("disputes:status")
@register("disputes:resolve")
@register("disputes:comment")
def dispute(tenant) -> dict:
    return {"pk": make_dispute(tenant).pk}


@register_foreign("disputes")
def foreign_disputes(tenant) -> None:
    make_dispute(tenant, name=f"{FOREIGN_MARKER} dispute customer")
