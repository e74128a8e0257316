"""Whether a product may be bought: its cooperative approved to sell and the product public.

Oscar's basket takes any product by id; a suspended cooperative's products, or one never
approved, must not be bought even when a basket or a crafted form still names them.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _

from producers.models import Producer


def unavailable_reason(product, stockrecord=None) -> str | None:
    """Why `product` (from `stockrecord`, else any of its stock records) cannot be bought, or None."""
    sellers = Q(partner__stockrecords__product=product)
    if stockrecord is not None:
        sellers = Q(partner__stockrecords=stockrecord)
    if product.producer_id:
        sellers |= Q(pk=product.producer_id)
    blocked = (
        Producer.objects.filter(sellers).exclude(status=Producer.Status.APPROVED).distinct().first()
    )
    names = {"product": product.get_title(), "cooperative": blocked.name if blocked else ""}
    if blocked is not None and blocked.status == Producer.Status.SUSPENDED:
        return (
            _("%(product)s cannot be bought: its cooperative, %(cooperative)s, is suspended.")
            % names
        )
    if blocked is not None:
        return (
            _(
                "%(product)s cannot be bought: its cooperative, %(cooperative)s, is not approved to sell."
            )
            % names
        )
    if not product.is_public or (product.parent_id and not product.parent.is_public):
        return _("%(product)s is no longer for sale.") % names
    return None


def remove_to_check_out(reason: str) -> str:
    return f"{reason} {_('Remove it from your basket to check out.')}"
