"""The demo Wagtail page tree: a home page in place of Wagtail's welcome page, and the news."""

from __future__ import annotations

import datetime
import json

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from cms.models import HomePage, NewsArticlePage, NewsIndexPage

from .catalogue import DATA_DIR
from .images import product_image

HOME_SLUG = "trang-chu"


def _image(title: str, colour: str, sector: str = "1"):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    import io

    data = product_image(title, colour, sector)
    image = Image(title=title)
    image.file = ImageFile(io.BytesIO(data), name=f"{abs(hash(title)) % 10**8}.png")
    image.save()
    return image


def build_site(stdout=None) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(slug=HOME_SLUG).first()
    if home is None:
        home = HomePage(
            title="Sàn OCOP – Mỗi xã một sản phẩm",
            slug=HOME_SLUG,
            hero_title="Sản phẩm OCOP từ các hợp tác xã Việt Nam",
            hero_text=(
                "Mua trực tiếp đặc sản được đánh giá sao OCOP, truy xuất nguồn gốc bằng mã QR, "
                "thanh toán khi nhận hàng, chuyển khoản VietQR hoặc thẻ."
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
    _news(home)
    if stdout:
        stdout.write("  Home page and news built.")
    return home


def _news(home: HomePage) -> None:
    with open(DATA_DIR / "news.json", encoding="utf-8") as handle:
        data = json.load(handle)
    index = NewsIndexPage.objects.child_of(home).filter(slug=data["index"]["slug"]).first()
    if index is None:
        index = NewsIndexPage(title=data["index"]["title"], slug=data["index"]["slug"], intro=data["index"]["intro"])
        home.add_child(instance=index)
        index.save_revision().publish()
    colours = ["#2e7d32", "#8d6e63", "#c62828", "#1565c0", "#f9a825", "#6a1b9a"]
    for position, item in enumerate(data["articles"]):
        if NewsArticlePage.objects.child_of(index).filter(slug=item["slug"]).exists():
            continue
        article = NewsArticlePage(
            title=item["title"],
            slug=item["slug"],
            date=datetime.date.fromisoformat(item["date"]),
            author=item.get("author", ""),
            summary=item.get("summary", ""),
            image=_image(item["title"], colours[position % len(colours)], str(position % 6 + 1)),
            body=[("paragraph", f"<p>{paragraph}</p>") for paragraph in item["paragraphs"]],
        )
        index.add_child(instance=article)
        article.save_revision().publish()
