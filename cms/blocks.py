"""StreamField blocks for CMS pages: text, images, quotes, and the shop's products."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from lib.i18n import wants_english

from .choosers import producer_chooser_viewset, product_chooser_viewset
from .products import cards_for, category_choices, filtered_products, province_choices

ProductChooserBlock = product_chooser_viewset.get_block_class(
    name="ProductChooserBlock", module_path="cms.blocks"
)
ProducerChooserBlock = producer_chooser_viewset.get_block_class(
    name="ProducerChooserBlock", module_path="cms.blocks"
)


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False)
    caption_en = blocks.CharBlock(label=_("Caption (English)"), required=False)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "cms/blocks/image.html"


class ProductCardBlock(blocks.StructBlock):
    """One product of the shop, shown as its card with price and basket button."""

    product = ProductChooserBlock(label=_("Product"))

    class Meta:
        icon = "tag"
        label = _("Product card")
        template = "cms/blocks/products.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        product = value.get("product")
        context["products"] = cards_for([product.pk] if product else [])
        return context


class HeadingMixin:
    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        english = value.get("heading_en") if wants_english() else ""
        context["heading"] = english or value.get("heading")
        return context


class ProductListBlock(HeadingMixin, blocks.StructBlock):
    """Products picked one by one by an editor."""

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    heading_en = blocks.CharBlock(label=_("Heading (English)"), required=False)
    products = blocks.ListBlock(ProductChooserBlock(label=_("Product")), label=_("Products"))

    class Meta:
        icon = "list-ul"
        label = _("Chosen products")
        template = "cms/blocks/products.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["products"] = cards_for(p.pk for p in value.get("products") or [] if p)
        return context


class ProductFilterBlock(HeadingMixin, blocks.StructBlock):
    """A saved filter: the catalogue's products of a sector, province or star rating, kept current."""

    heading = blocks.CharBlock(label=_("Heading"), required=False)
    heading_en = blocks.CharBlock(label=_("Heading (English)"), required=False)
    category = blocks.ChoiceBlock(
        choices=category_choices, label=_("Sector, group or sub-group"), required=False
    )
    province = blocks.ChoiceBlock(choices=province_choices, label=_("Province"), required=False)
    min_stars = blocks.ChoiceBlock(
        choices=[("0", _("Any")), ("3", "3★+"), ("4", "4★+"), ("5", "5★")],
        default="0",
        label=_("OCOP rating at least"),
        required=False,
    )
    order = blocks.ChoiceBlock(
        choices=[("rating", _("Best rated first")), ("newest", _("Newest")), ("title", _("Name"))],
        default="rating",
        label=_("Sort by"),
    )
    limit = blocks.IntegerBlock(label=_("How many"), default=8, min_value=1, max_value=48)

    class Meta:
        icon = "search"
        label = _("Products by filter")
        template = "cms/blocks/products.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["products"] = filtered_products(
            category_code=value.get("category") or "",
            province_code=value.get("province") or "",
            min_stars=int(value.get("min_stars") or 0),
            order=value.get("order") or "rating",
            limit=value.get("limit") or 8,
        )
        return context


class ProducerListBlock(HeadingMixin, blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False)
    heading_en = blocks.CharBlock(label=_("Heading (English)"), required=False)
    producers = blocks.ListBlock(
        ProducerChooserBlock(label=_("Cooperative")), label=_("Cooperatives")
    )

    class Meta:
        icon = "group"
        label = _("Cooperatives")
        template = "cms/blocks/producers.html"


def body_blocks() -> list[tuple[str, blocks.Block]]:
    """The blocks of an article or showcase body."""
    return [
        ("heading", blocks.CharBlock(label=_("Heading"), form_classname="title")),
        ("paragraph", blocks.RichTextBlock(label=_("Paragraph"))),
        # "image" and "quote" keep their first shape: articles saved before stay valid.
        ("image", ImageChooserBlock(label=_("Image"))),
        ("figure", ImageBlock()),
        ("quote", blocks.BlockQuoteBlock(label=_("Quote"))),
        ("product", ProductCardBlock()),
        ("products", ProductListBlock()),
    ]


def showcase_blocks() -> list[tuple[str, blocks.Block]]:
    return body_blocks() + [
        ("product_filter", ProductFilterBlock()),
        ("producers", ProducerListBlock()),
    ]


def material_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("document", DocumentChooserBlock(label=_("Document"))),
        (
            "link",
            blocks.StructBlock(
                [
                    ("title", blocks.CharBlock(label=_("Title"))),
                    ("url", blocks.URLBlock(label=_("Address"))),
                ],
                label=_("Link"),
                icon="link",
            ),
        ),
    ]
