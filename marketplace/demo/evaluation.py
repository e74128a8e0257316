"""Demo OCOP evaluation cycle: officers, a province council with three members, dossiers in
every state, a 5★ dossier rated by the central council and a revoked certificate.

Built through the real services (workflow, council, certificates), once: a second run finds
the demo council and stops. The dossiers are for products not yet in the shop, so the demo
catalogue's ratings stay as they are.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.utils import timezone

from evaluation import certificates, council, rubrics, workflow
from evaluation.models import Document, Dossier, Level, OfficerRole, Role, Seat, Session, State
from producers.models import Producer

PASSWORD = "ocop-hoidong-2025"
COUNCIL_TITLE = "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh (demo)"
PEOPLE = [
    # email, first name, last name, role, chair?
    ("can-bo-xa@ocop.vn", "Hùng", "Lê Văn", Role.COMMUNE_OFFICER, False),
    ("thu-ky-tinh@ocop.vn", "Mai", "Phạm Thị", Role.PROVINCE_SECRETARY, False),
    ("chu-tich-hd@ocop.vn", "Quang", "Trần Minh", Role.COUNCIL_MEMBER, True),
    ("thanh-vien-nn@ocop.vn", "Hoa", "Nguyễn Thị", Role.COUNCIL_MEMBER, False),
    ("thanh-vien-lmhtx@ocop.vn", "Dũng", "Vũ Tiến", Role.COUNCIL_MEMBER, False),
    ("hoi-dong-tw@ocop.vn", "Thành", "Đỗ Đức", Role.CENTRAL_COUNCIL, False),
]
# (product name, product set, the three members' totals or None, where it ends)
DOSSIERS = [
    ("Trà hoa vàng túi lọc", "1.5.2", None, State.DRAFT),
    ("Mật ong hoa nhãn", "1.2.2", None, State.SUBMITTED),
    ("Bánh đa vừng", "1.3.2", None, State.RETURNED),
    ("Nước mắm cốt", "1.4.1", None, State.COMMUNE_CHECKED),
    ("Miến dong", "1.3.2", None, State.WITHDRAWN),
    ("Mứt gừng dẻo", "1.3.3", (80, 76, 78), State.CERTIFIED),
    ("Giò lụa", "1.3.4", (45, 48, 44), State.NOT_CERTIFIED),
    ("Chè búp khô", "1.5.1", (74, 70, 72), "revoked"),
    ("Cà phê rang xay", "1.6.1", (93, 91, 92), "five_stars"),
    ("Tinh dầu sả chanh", "3.3.1", (91, 90, 92), State.PROVINCE_DECIDED),
    ("Gạo nếp cái hoa vàng", "1.2.1", (92, 93, 90), State.CENTRAL_SCORING),
    ("Rượu mơ", "2.1.2", (94, 92, 93), State.CENTRAL_DECIDED),
    ("Khăn thổ cẩm", "4.2.1", (82, 70, 75), State.PROVINCE_SCORING),  # 82 and 70: re-score
]


def _person(email, first, last):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=email, defaults={"email": email, "first_name": first, "last_name": last}
    )
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _place() -> tuple[str, list[Producer]]:
    producers = list(Producer.objects.filter(status=Producer.Status.APPROVED).order_by("pk"))
    province = Counter(p.province_code for p in producers).most_common(1)[0][0]
    return province, [p for p in producers if p.province_code == province]


def _session(level, province, title, secretary, members, held_on) -> Session:
    session = Session.objects.create(
        level=level,
        province_code=province if level == Level.PROVINCE else "",
        title=title,
        held_on=held_on,
        secretary=secretary,
    )
    for n, member in enumerate(members):
        Seat.objects.create(
            session=session,
            user=member,
            kind=Seat.Kind.CHAIR if n == 0 else Seat.Kind.MEMBER,
            body=["UBND tỉnh", "Sở Nông nghiệp và Môi trường", "Liên minh HTX tỉnh"][n % 3],
            present=True,
        )
    return session


@transaction.atomic
def load(stdout=None) -> int:
    if Dossier.objects.filter(sessions__title=COUNCIL_TITLE).exists():
        return 0
    Session.objects.filter(title__endswith="(demo)").delete()  # left by a reset
    province, producers = _place()
    people = {p[0]: _person(*p[:3]) for p in PEOPLE}
    commune = producers[0].commune_code
    for email, *_name, role, _chair in PEOPLE:
        OfficerRole.objects.get_or_create(
            user=people[email],
            role=role,
            province_code="" if role == Role.CENTRAL_COUNCIL else province,
            commune_code=commune if role == Role.COMMUNE_OFFICER else "",
        )
    officer, secretary = people["can-bo-xa@ocop.vn"], people["thu-ky-tinh@ocop.vn"]
    members = [people[p[0]] for p in PEOPLE if p[3] == Role.COUNCIL_MEMBER]
    central_people = [people["hoi-dong-tw@ocop.vn"], *members[1:]]
    storage = storages["private"]
    paper = storage.save("evaluation/demo/ho-so-mau.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))
    kinds = [d["code"] for d in rubrics.all_rubrics()[-1].documents if d["required"]]
    today = timezone.localdate()
    decided = _session(
        Level.PROVINCE, province, COUNCIL_TITLE, secretary, members, today - datetime.timedelta(30)
    )
    pending = _session(
        Level.PROVINCE,
        province,
        COUNCIL_TITLE.replace("(demo)", "phiên 2 (demo)"),
        secretary,
        members,
        today,
    )
    made = []
    for n, (name, product_set, totals, end) in enumerate(DOSSIERS):
        producer = producers[n % len(producers)]
        dossier = Dossier.objects.create(
            producer=producer,
            product_name=name,
            product_set=product_set,
            province_code=province,
            commune_code=commune,
            year=today.year,
            story=f"{name} của {producer.short_name}.",
            women_led=n % 3 == 0,
        )
        Document.objects.bulk_create(Document(dossier=dossier, kind=k, file=paper) for k in kinds)
        made.append((dossier, totals, end))
        if end == State.DRAFT:
            continue
        owner = producer.partner.users.first() if producer.partner_id else None
        workflow.move(dossier, "submit", owner)
        if end == State.SUBMITTED:
            continue
        if end == State.RETURNED:
            workflow.move(
                dossier, "return", officer, "Thiếu phiếu kiểm nghiệm.", missing="Phiếu kiểm nghiệm"
            )
            continue
        local = rubrics.scores_totalling(dossier.rubric, 100)
        workflow.move(
            dossier,
            "commune_check",
            officer,
            commune_scores={c: local[c] for c in rubrics.local_codes(dossier.rubric)},
            commune_report=ContentFile(b"%PDF-1.4\n%%EOF\n", name="bien-ban-xa.pdf"),
        )
        if end in (State.COMMUNE_CHECKED,):
            continue
        if end == State.WITHDRAWN:
            workflow.move(dossier, "withdraw", owner, "Chủ thể xin rút để hoàn thiện bao bì.")
            continue
        session = pending if end == State.PROVINCE_SCORING else decided
        item = council.schedule(session, dossier, secretary)
        for member, total in zip(members, totals, strict=True):
            council.submit_sheet(item, member, rubrics.scores_totalling(dossier.rubric, total))
        if session is decided:
            council.finalise(item, secretary)
    council.decide(decided, secretary, "1568/QĐ-UBND", today - datetime.timedelta(28))
    central_officer = people["hoi-dong-tw@ocop.vn"]
    for end, title, decide in [
        ("five_stars", "Hội đồng Trung ương (demo)", True),
        (State.CENTRAL_SCORING, "Hội đồng Trung ương, phiên 2 (demo)", False),
        (State.CENTRAL_DECIDED, None, False),
    ]:
        dossier, totals, _end = next(m for m in made if m[2] == end)
        dossier.refresh_from_db()
        if title is None:
            # Decided by the ministry, its certificate not yet issued.
            workflow.move(dossier, "central_schedule", central_officer)
            workflow.move(dossier, "central_decide", central_officer, "Chờ cấp giấy chứng nhận.")
            continue
        central = _session(Level.CENTRAL, "", title, central_officer, central_people, today)
        item = council.schedule(central, dossier, central_officer)
        for member, total in zip(central_people, totals, strict=True):
            council.submit_sheet(item, member, rubrics.scores_totalling(dossier.rubric, total))
        if decide:
            council.finalise(item, central_officer)
            council.decide(central, central_officer, "245/QĐ-BNNMT", today - datetime.timedelta(7))
    revoked = next(m[0] for m in made if m[2] == "revoked")
    revoked.refresh_from_db()
    certificates.revoke(
        revoked.certificate,
        secretary,
        "1702/QĐ-UBND",
        today - datetime.timedelta(2),
        "Sản phẩm không duy trì chất lượng như đã công bố (kết quả hậu kiểm).",
    )
    if stdout:
        stdout.write(
            f"  OCOP evaluation: {len(made)} dossiers; council logins {', '.join(people)} / {PASSWORD}"
        )
    return len(made)
