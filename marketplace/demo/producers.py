"""Demo producers: a profile for each demo cooperative, and a few applications waiting for staff."""

from __future__ import annotations

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from lib.html import text_to_html
from producers.models import Certification, Producer, ValueChain

from .images import product_image

CERTIFICATION_KINDS = {
    "vietgap": Certification.Kind.VIETGAP,
    "hữu cơ": Certification.Kind.ORGANIC,
    "organic": Certification.Kind.ORGANIC,
    "chỉ dẫn địa lý": Certification.Kind.GI,
    "haccp": Certification.Kind.HACCP,
    "iso 22000": Certification.Kind.ISO22000,
}
ISSUERS = {
    Certification.Kind.VIETGAP: "Trung tâm Chứng nhận Phù hợp (QUACERT)",
    Certification.Kind.ORGANIC: "Trung tâm Chứng nhận Phù hợp (QUACERT)",
    Certification.Kind.GI: "Cục Sở hữu trí tuệ",
    Certification.Kind.HACCP: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
    Certification.Kind.ISO22000: "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng",
}
# Value chains a cooperative joins when one of its products' titles names the chain's product.
VALUE_CHAINS = [
    ("cà phê", "Chuỗi giá trị cà phê", "Coffee value chain"),
    ("chè", "Chuỗi giá trị chè", "Tea value chain"),
    ("gạo", "Chuỗi giá trị lúa gạo", "Rice value chain"),
    ("mật ong", "Chuỗi giá trị mật ong", "Honey value chain"),
    ("nước mắm", "Chuỗi giá trị nước mắm", "Fish sauce value chain"),
]
# Applications waiting for staff; the last shares a tax code with a demo cooperative.
APPLICATIONS = [
    {
        "email": "htx.lua-thanhhoa@example.vn",
        "name": "Hợp tác xã Nông nghiệp Lúa sạch Hoằng Hóa",
        "short_name": "HTX Lúa sạch Hoằng Hóa",
        "legal_form": "htx",
        "registration_number": "2808000123",
        "tax_code": "2801234567",
        "representative": "Lê Văn Hùng",
        "phone": "0912345678",
        "province_code": "38",
        "commune_code": "14758",
        "story": "Hợp tác xã trồng lúa hữu cơ trên 40 ha ven sông Mã.",
    },
    {
        "email": "thth.caphe-baoloc@example.vn",
        "name": "Tổ hợp tác Cà phê Bảo Lộc",
        "short_name": "THT Cà phê Bảo Lộc",
        "legal_form": "to_hop_tac",
        "registration_number": "THT-68-0042",
        "tax_code": "5801234568",
        "representative": "Trần Thị Mai",
        "phone": "0987654321",
        "province_code": "68",
        "commune_code": "24823",
        "story": "Mười hai hộ trồng cà phê và dâu tằm cùng rang xay dưới một nhãn hiệu.",
    },
]


def _certificates(producer: Producer, names: list[str]) -> None:
    if producer.certifications.exists():
        return
    for position, name in enumerate(names):
        kind = CERTIFICATION_KINDS.get(name.strip().lower(), Certification.Kind.OTHER)
        digest = int(
            hashlib.sha1(f"{producer.registration_number}{name}".encode()).hexdigest()[:6], 16
        )
        Certification.objects.create(
            producer=producer,
            kind=kind,
            number=f"{kind.upper()[:3]}-{digest % 100000:05d}",
            issuer=ISSUERS.get(kind, ""),
            expires_on=datetime.date(2026 + position % 3, 1 + digest % 12, 1 + digest % 28),
        )


def _value_chains(producer: Producer, coop: dict) -> None:
    titles = " ".join(item["title"].lower() for item in coop.get("products", []))
    for keyword, name, name_en in VALUE_CHAINS:
        if keyword in titles:
            chain, _ = ValueChain.objects.get_or_create(name=name, defaults={"name_en": name_en})
            producer.value_chains.add(chain)


def producer_for(coop: dict, partner, user) -> Producer:
    """The approved profile of a demo cooperative, linked to its shop partner and user."""

    producer = (
        Producer.objects.filter(partner=partner).first()
        or Producer.objects.filter(registration_number=coop["registration_number"]).first()
    )
    if producer is None:
        producer = Producer(registration_number=coop["registration_number"])
    producer.partner = partner
    producer.applicant = user
    for field in (
        "name",
        "short_name",
        "legal_form",
        "tax_code",
        "founded",
        "members",
        "representative",
        "phone",
        "email",
        "province_code",
        "commune_code",
        "street",
    ):
        setattr(producer, field, coop.get(field) or getattr(producer, field) or "")
    producer.founded = coop.get("founded")
    producer.members = coop.get("members")
    producer.story = text_to_html(coop.get("story", ""))
    producer.story_en = text_to_html(coop.get("story_en", ""))
    producer.status = Producer.Status.APPROVED
    producer.approved_at = producer.approved_at or timezone.now()
    if not producer.logo:
        picture = product_image(
            coop["short_name"],
            coop["products"][0].get("colour", "#1b6b3a") if coop.get("products") else "#1b6b3a",
        )
        producer.logo.save(f"{coop['key']}.png", ContentFile(picture), save=False)
    producer.save()
    _certificates(producer, coop.get("certifications", []))
    _value_chains(producer, coop)
    return producer


def pending_applications() -> list[Producer]:
    """A few applications for staff to review; the users can sign in with the cooperatives' password."""
    from .catalogue import COOPERATIVE_PASSWORD  # catalogue imports this module

    User = get_user_model()
    created = []
    first = Producer.objects.approved().order_by("pk").first()
    specs = list(APPLICATIONS)
    if first is not None:
        specs.append(
            {
                "email": "htx.trung-ten@example.vn",
                "name": f"{first.name} (hồ sơ nộp lại)",
                "short_name": f"{first.short_name} 2",
                "legal_form": first.legal_form,
                "registration_number": f"{first.registration_number}-B",
                "tax_code": first.tax_code,
                "representative": first.representative,
                "phone": "0912000111",
                "province_code": first.province_code,
                "commune_code": first.commune_code,
                "story": "Hồ sơ trùng mã số thuế với một hợp tác xã đã được duyệt.",
            }
        )
    for spec in specs:
        user, new = User.objects.get_or_create(
            username=spec["email"], defaults={"email": spec["email"]}
        )
        if new:
            user.set_password(COOPERATIVE_PASSWORD)
            user.save()
        fields = {
            k: v for k, v in spec.items() if k not in ("email", "registration_number", "story")
        }
        producer, _ = Producer.objects.get_or_create(
            registration_number=spec["registration_number"],
            defaults={
                **fields,
                "email": spec["email"],
                "applicant": user,
                "story": text_to_html(spec["story"]),
            },
        )
        created.append(producer)
    return created
