"""The demo Wagtail page tree: home, news, the display centre, fairs, honours and training.

Idempotent: a page that exists (by slug under its parent) is left as it is, so editors'
changes survive a second `load_demo`; `load_demo --reset` deletes the tree from the home page.
"""

from __future__ import annotations

import datetime
import io
import json

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from oscar.core.loading import get_model
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms import search
from cms.models import (
    CoursePage,
    DisplayCentrePage,
    EventIndexPage,
    EventPage,
    HomePage,
    HonourPage,
    HonourRollPage,
    NewsArticlePage,
    NewsCategory,
    NewsIndexPage,
    NewsRelatedProduct,
    SalesPointPage,
    SalesPointProduct,
    ShowcasePage,
    TrainingIndexPage,
    TrainingSession,
)

from .catalogue import DATA_DIR
from .images import product_image

HOME_SLUG = "trang-chu"
COLOURS = ["#2e7d32", "#8d6e63", "#c62828", "#1565c0", "#f9a825", "#6a1b9a"]


def _image(title: str, colour: str, sector: str = "1"):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    data = product_image(title, colour, sector)
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(data), name=f"{abs(hash(title)) % 10**8}.png")
    image.save()
    return image


def _read(name: str) -> dict:
    with open(DATA_DIR / name, encoding="utf-8") as handle:
        return json.load(handle)


def _child(parent: Page, model, slug: str, **fields):
    """The live child page `slug` of `parent`, created and published when missing."""
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _products() -> list:
    Product = get_model("catalogue", "Product")
    return list(Product.objects.browsable().order_by("pk"))


def build_site(stdout=None) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(slug=HOME_SLUG).first()
    if home is None:
        home = HomePage(
            title="Sàn OCOP – Mỗi xã một sản phẩm",
            title_en="OCOP Marketplace – One Commune One Product",
            slug=HOME_SLUG,
            hero_title="Sản phẩm OCOP từ các hợp tác xã Việt Nam",
            hero_title_en="OCOP products from Vietnam's cooperatives",
            hero_text=(
                "Mua trực tiếp đặc sản được đánh giá sao OCOP, truy xuất nguồn gốc bằng mã QR, "
                "thanh toán khi nhận hàng, chuyển khoản VietQR hoặc thẻ."
            ),
            hero_text_en=(
                "Buy star-rated OCOP specialities straight from the cooperatives, trace them with a QR code, "
                "and pay on delivery, by VietQR transfer or by card."
            ),
            hero_image=_image("Sàn OCOP", "#1b6b3a", "1"),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    # Wagtail's own welcome page goes: the site's root is our home page.
    for page in root.get_children().exclude(pk=home.pk).specific():
        if not isinstance(page, HomePage) and page.slug == "home":
            page.delete()
    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.root_page, site.site_name = "localhost", 80, home, "Sàn OCOP"
    site.save()
    products = _products()
    _news(home, products)
    data = _read("cms_pages.json")
    _display_centre(home, data["display_centre"], products)
    _events(home, data["events"])
    _honours(home, data["honours"])
    _training(home, data["training"])
    indexed = search.reindex()
    if stdout:
        stdout.write(
            f"  Home page, news, display centre, fairs, honours and training built ({indexed} pages)."
        )
    return home


def _news(home: HomePage, products: list) -> None:
    data = _read("news.json")
    categories = {}
    for item in data.get("categories", []):
        categories[item["slug"]], _ = NewsCategory.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "name_en": item["name_en"]}
        )
    spec = data["index"]
    index = _child(
        home,
        NewsIndexPage,
        spec["slug"],
        title=spec["title"],
        title_en=spec.get("title_en", ""),
        intro=spec["intro"],
        intro_en=spec.get("intro_en", ""),
        show_in_menus=True,
    )
    for position, item in enumerate(data["articles"]):
        if NewsArticlePage.objects.child_of(index).filter(slug=item["slug"]).exists():
            continue
        related = products[position * 2 : position * 2 + 2] if products else []
        body = [("paragraph", f"<p>{paragraph}</p>") for paragraph in item["paragraphs"]]
        if related:
            body.append(("product", {"product": related[0]}))
        article = NewsArticlePage(
            title=item["title"],
            title_en=item.get("title_en", ""),
            slug=item["slug"],
            date=datetime.date.fromisoformat(item["date"]),
            author=item.get("author", ""),
            summary=item.get("summary", ""),
            summary_en=item.get("summary_en", ""),
            image=_image(item["title"], COLOURS[position % len(COLOURS)], str(position % 6 + 1)),
            body=body,
        )
        article.related_products = [NewsRelatedProduct(product=product) for product in related]
        if item.get("category") in categories:
            article.categories = [categories[item["category"]]]
        index.add_child(instance=article)
        article.tags.add(*item.get("tags", []))
        article.save_revision().publish()


def _display_centre(home: HomePage, spec: dict, products: list) -> None:
    centre = _child(
        home,
        DisplayCentrePage,
        spec["slug"],
        title=spec["title"],
        title_en=spec["title_en"],
        intro=spec["intro"],
        intro_en=spec["intro_en"],
        show_in_menus=True,
    )
    Category = get_model("catalogue", "Category")
    for position, sector in enumerate(Category.get_root_nodes().order_by("code")):
        _child(
            centre,
            ShowcasePage,
            f"nganh-{sector.code}",
            title=f"Gian trưng bày: {sector.name}",
            title_en=f"Showcase: {sector.name_en or sector.name}",
            intro=f"Sản phẩm OCOP ngành {sector.name.lower()}, sản phẩm đạt nhiều sao nhất trước.",
            intro_en=f"OCOP products of the {(sector.name_en or sector.name).lower()} sector, best rated first.",
            image=_image(
                f"Gian trưng bày {sector.name}", COLOURS[position % len(COLOURS)], sector.code
            ),
            body=[
                (
                    "product_filter",
                    {
                        "heading": sector.name,
                        "heading_en": sector.name_en,
                        "category": sector.code,
                        "province": "",
                        "min_stars": "0",
                        "order": "rating",
                        "limit": 12,
                    },
                )
            ],
        )
    for position, point in enumerate(spec["points"]):
        if SalesPointPage.objects.child_of(centre).filter(slug=point["slug"]).exists():
            continue
        page = SalesPointPage(
            **point,
            description="<p>Trưng bày và bán sản phẩm OCOP của các hợp tác xã.</p>",
            description_en="<p>Displays and sells cooperatives' OCOP products.</p>",
        )
        sold = products[position * 3 : position * 3 + 4]
        page.products = [SalesPointProduct(product=product) for product in sold]
        centre.add_child(instance=page)
        page.save_revision().publish()


def _events(home: HomePage, spec: dict) -> None:
    index = _child(
        home,
        EventIndexPage,
        spec["slug"],
        title=spec["title"],
        title_en=spec["title_en"],
        intro=spec["intro"],
        intro_en=spec["intro_en"],
        show_in_menus=True,
    )
    today = timezone.localdate()
    for position, item in enumerate(spec["items"]):
        start = today + datetime.timedelta(days=item["offset_days"])
        _child(
            index,
            EventPage,
            item["slug"],
            title=item["title"],
            title_en=item["title_en"],
            kind=item["kind"],
            start_date=start,
            end_date=start + datetime.timedelta(days=item["length_days"] - 1),
            registration_deadline=start - datetime.timedelta(days=7),
            venue=item["venue"],
            province_code=item["province_code"],
            organiser=item["organiser"],
            booth_capacity=item["capacity"],
            summary=item["summary"],
            summary_en=item["summary_en"],
            description=f"<p>{item['summary']}</p>",
            description_en=f"<p>{item['summary_en']}</p>",
            image=_image(item["title"], COLOURS[(position + 2) % len(COLOURS)], "4"),
        )


def _honours(home: HomePage, spec: dict) -> None:
    from producers.models import Producer

    roll = _child(
        home,
        HonourRollPage,
        spec["slug"],
        title=spec["title"],
        title_en=spec["title_en"],
        intro=spec["intro"],
        intro_en=spec["intro_en"],
        show_in_menus=True,
    )
    for position, item in enumerate(spec["items"]):
        producer = Producer.objects.filter(partner__code=item["producer"]).first()
        title = item.get("title") or (producer.name if producer else item["slug"])
        _child(
            roll,
            HonourPage,
            item["slug"],
            title=title,
            title_en=item.get("title_en", ""),
            kind=item["kind"],
            year=item["year"],
            award=item["award"],
            award_en=item["award_en"],
            affiliation=item.get("affiliation", ""),
            citation=item["citation"],
            citation_en=item["citation_en"],
            producer=producer,
            photo=_image(f"Tôn vinh {title}", COLOURS[position % len(COLOURS)], "4"),
        )


def _document(title: str, text: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title)
    document.file.save(f"{abs(hash(title)) % 10**8}.txt", ContentFile(text.encode()), save=False)
    document.save()
    return document


def _training(home: HomePage, spec: dict) -> None:
    index = _child(
        home,
        TrainingIndexPage,
        spec["slug"],
        title=spec["title"],
        title_en=spec["title_en"],
        intro=spec["intro"],
        intro_en=spec["intro_en"],
        show_in_menus=True,
    )
    now = timezone.localtime().replace(hour=8, minute=30, second=0, microsecond=0)
    for item in spec["courses"]:
        if CoursePage.objects.child_of(index).filter(slug=item["slug"]).exists():
            continue
        document = _document(
            f"Tài liệu: {item['title']}", f"{item['title']}\n\n{item['summary']}\n"
        )
        course = CoursePage(
            slug=item["slug"],
            title=item["title"],
            title_en=item["title_en"],
            summary=item["summary"],
            summary_en=item["summary_en"],
            audience=item["audience"],
            audience_en=item["audience_en"],
            body=f"<p>{item['summary']}</p>",
            body_en=f"<p>{item['summary_en']}</p>",
            materials=[("document", document)],
        )
        course.sessions = [
            TrainingSession(
                starts_at=now + datetime.timedelta(days=session["offset_days"]),
                ends_at=now + datetime.timedelta(days=session["offset_days"], hours=8),
                place=session.get("place", ""),
                online_url=session.get("online_url", ""),
                capacity=session["capacity"],
            )
            for session in item["sessions"]
        ]
        index.add_child(instance=course)
        course.save_revision().publish()
