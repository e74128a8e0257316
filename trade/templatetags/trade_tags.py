from django import template

from trade.models import Organisation

register = template.Library()


@register.simple_tag
def is_trade_buyer(user) -> bool:
    """Whether a signed-in user belongs to a trade buyer organisation that may post requests."""
    if not getattr(user, "is_authenticated", False):
        return False
    return (
        Organisation.objects.filter(members=user)
        .exclude(status__in=[Organisation.Status.REJECTED, Organisation.Status.SUSPENDED])
        .exists()
    )
