"""Demo loans: the central fund and one provincial fund, three programmes with their pages,
a reviewer for each fund, and one submitted application waiting for review.

Idempotent: what exists (by name, e-mail or slug) is left as it is.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.models import Page

from cms.models import HomePage, LoanProgrammeIndexPage, LoanProgrammePage
from finance.models import (
    ApplicationDocument,
    ApplicationEvent,
    DocumentKind,
    Fund,
    LoanApplication,
    LoanProgramme,
    Purpose,
)
from producers.models import Producer
from regions import units

from . import catalogue

REVIEWER_PASSWORD = "tham-dinh-2025"
CENTRAL_REVIEWER = "tham-dinh@qhtpt.example.vn"
PROVINCE_REVIEWER = "tham-dinh-tinh@qhtpt.example.vn"
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

PROGRAMMES = [
    {
        "rules_code": "qhtpt-dau-tu",
        "central": True,
        "name": "Cho vay đầu tư phát triển hợp tác xã",
        "name_en": "Investment loans for cooperatives",
        "purpose": Purpose.INVESTMENT,
        "max_amount": 3_000_000_000,
        "max_term_months": 84,
        "interest_rate": "4.80",
        "eligible_text": "Hợp tác xã, liên hiệp hợp tác xã hoạt động từ 1 năm, có từ 7 thành viên.",
        "eligible_text_en": "Cooperatives and unions of cooperatives operating for a year, with at least 7 members.",
        "collateral": "Tài sản hình thành từ vốn vay; khoản vay đến 500 triệu đồng có thể không cần bảo đảm.",
        "collateral_en": "Assets built with the loan; loans up to 500 million dong may be unsecured.",
        "slug": "cho-vay-dau-tu",
    },
    {
        "rules_code": "qhtpt-ocop",
        "central": True,
        "name": "Nâng hạng sản phẩm OCOP",
        "name_en": "OCOP product upgrades",
        "purpose": Purpose.OCOP_UPGRADE,
        "max_amount": 1_000_000_000,
        "max_term_months": 36,
        "interest_rate": "3.60",
        "eligible_text": "Chủ thể có sản phẩm OCOP từ 3 sao còn hiệu lực.",
        "eligible_text_en": "Producers with a valid OCOP certificate of 3 stars or more.",
        "collateral": "Tín chấp đến 300 triệu đồng.",
        "collateral_en": "Unsecured up to 300 million dong.",
        "slug": "nang-hang-ocop",
        "extra_documents": [DocumentKind.OCOP_CERTIFICATE],
    },
    {
        "rules_code": "quy-tinh-von-luu-dong",
        "central": False,
        "name": "Vốn lưu động cho hợp tác xã trong tỉnh",
        "name_en": "Working capital for the province's cooperatives",
        "purpose": Purpose.WORKING_CAPITAL,
        "max_amount": 500_000_000,
        "max_term_months": 12,
        "interest_rate": "5.40",
        "eligible_text": "Hợp tác xã có trụ sở trong tỉnh.",
        "eligible_text_en": "Cooperatives based in the province.",
        "collateral": "Theo quy chế cho vay của quỹ tỉnh.",
        "collateral_en": "As the provincial fund's lending rules say.",
        "slug": "von-luu-dong-tinh",
    },
]


def _reviewer(email: str, name: tuple[str, str], fund: Fund):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": name[0], "last_name": name[1]}
    )
    if created:
        user.set_password(REVIEWER_PASSWORD)
        user.save()
    user.user_permissions.add(
        Permission.objects.get(codename="review_application", content_type__app_label="finance")
    )
    fund.reviewers.add(user)
    return user


def funds() -> tuple[Fund, Fund]:
    first = Producer.objects.filter(email=catalogue.read_cooperatives()[0]["email"]).first()
    province_code = first.province_code if first else "01"
    province = units.province(province_code)
    central, _ = Fund.objects.get_or_create(
        name="Quỹ Hỗ trợ phát triển hợp tác xã",
        defaults={
            "name_en": "Cooperative Development Support Fund",
            "email": "quy@qhtpt.example.vn",
            "phone": "024 3000 0000",
        },
    )
    local, _ = Fund.objects.get_or_create(
        name=f"Quỹ hỗ trợ phát triển HTX {province.name if province else ''}".strip(),
        defaults={
            "name_en": f"Cooperative Development Fund of {province.name if province else ''}",
            "province_code": province_code,
            "email": "quy-tinh@qhtpt.example.vn",
        },
    )
    return central, local


def load(stdout=None) -> None:
    central, local = funds()
    _reviewer(CENTRAL_REVIEWER, ("Thẩm định", "Quỹ trung ương"), central)
    _reviewer(PROVINCE_REVIEWER, ("Thẩm định", "Quỹ tỉnh"), local)
    programmes = []
    for spec in PROGRAMMES:
        fund = central if spec["central"] else local
        documents = [DocumentKind.BUSINESS_PLAN, DocumentKind.FINANCIAL_STATEMENTS]
        programme, _ = LoanProgramme.objects.get_or_create(
            rules_code=spec["rules_code"],
            defaults={
                "fund": fund,
                "name": spec["name"],
                "name_en": spec["name_en"],
                "purpose": spec["purpose"],
                "max_amount": spec["max_amount"],
                "max_term_months": spec["max_term_months"],
                "interest_rate": spec["interest_rate"],
                "rate_effective_from": datetime.date(2026, 1, 1),
                "eligible_text": spec["eligible_text"],
                "eligible_text_en": spec["eligible_text_en"],
                "collateral": spec["collateral"],
                "collateral_en": spec["collateral_en"],
                "required_documents": documents + spec.get("extra_documents", []),
                "contact": f"{fund.name} – {fund.email}",
            },
        )
        programmes.append((programme, spec["slug"]))
    _pages(programmes)
    _sample_application(programmes[0][0])
    if stdout:
        stdout.write(
            f"  Loans: {len(programmes)} programmes; reviewers {CENTRAL_REVIEWER} and "
            f"{PROVINCE_REVIEWER} / {REVIEWER_PASSWORD}."
        )


def _pages(programmes) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    index = LoanProgrammeIndexPage.objects.child_of(home).first()
    if index is None:
        index = LoanProgrammeIndexPage(
            title="Vay vốn ưu đãi",
            title_en="Preferential loans",
            slug="vay-von",
            intro="<p>Các chương trình cho vay của Quỹ Hỗ trợ phát triển hợp tác xã và quỹ tỉnh.</p>",
            intro_en="<p>Loan programmes of the Cooperative Development Support Fund and provincial funds.</p>",
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    for programme, slug in programmes:
        if Page.objects.child_of(index).filter(slug=slug).exists():
            continue
        page = LoanProgrammePage(
            title=programme.name, title_en=programme.name_en, slug=slug, programme=programme
        )
        index.add_child(instance=page)
        page.save_revision().publish()


def _sample_application(programme: LoanProgramme) -> None:
    producer = Producer.objects.filter(email=catalogue.read_cooperatives()[0]["email"]).first()
    if producer is None or producer.loan_applications.exists():
        return
    user = producer.partner.users.first() if producer.partner_id else None
    now = timezone.now()
    application = LoanApplication.objects.create(
        producer=producer,
        programme=programme,
        amount=800_000_000,
        term_months=60,
        purpose=programme.purpose,
        use_of_funds="Xây nhà sơ chế và mua máy sấy cho sản phẩm chủ lực.",
        answers={"legal_form": "htx", "years_operating": 5, "members": 20, "outstanding_loans": 0},
        declares_true=True,
        consents_to_share=True,
        status=LoanApplication.Status.SUBMITTED,
        created_by=user,
        submitted_at=now,
    )
    for kind in programme.required_documents:
        document = ApplicationDocument(application=application, kind=kind, uploaded_by=user)
        document.file.save(f"{kind}.pdf", ContentFile(DEMO_PDF), save=True)
    ApplicationEvent.objects.create(application=application, to_status="draft", actor=user)
    ApplicationEvent.objects.create(
        application=application, from_status="draft", to_status="submitted", actor=user
    )
