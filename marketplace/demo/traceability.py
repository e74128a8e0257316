"""Demo batches: journeys for most products, a few serialised runs, scans with one copied serial."""

from __future__ import annotations

import datetime
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model
from PIL import Image, ImageDraw

from traceability import gs1
from traceability.models import (
    Attachment,
    Batch,
    JourneyEvent,
    LabelRun,
    Party,
    Place,
    Scan,
    Serial,
)
from traceability.place_forms import suggested_prefix

Product = get_model("catalogue", "Product")

SKIP_EVERY = 6  # every sixth product has no batch yet: "most", not all
DRAFT_EVERY = 17  # and a few batches are drafts the cooperative is still writing
SLASH_LOT_EVERY = 9  # some lots contain "/", percent-encoded in their URIs
SERIALISED = 3  # the first few published batches also have serialised unit codes
SERIALS_PER_RUN = 40
PHOTOS = 8  # batches whose harvest or processing step has a photo
SUSPICIOUS_SCANS = 14

HANOI, SAIGON = (Decimal("21.0"), Decimal("105.8")), (Decimal("10.8"), Decimal("106.7"))

# sector → steps as (kind, days before packing, place, who, Vietnamese, English)
JOURNEYS = {
    "food": [
        (
            "cultivation",
            120,
            "{origin}",
            "Tổ sản xuất",
            "Chăm sóc theo quy trình VietGAP, ghi nhật ký đồng ruộng.",
            "Grown to VietGAP, with a field logbook.",
        ),
        (
            "harvest",
            12,
            "{origin}",
            "Xã viên hợp tác xã",
            "Thu hoạch thủ công, chọn lọc nguyên liệu đạt chuẩn.",
            "Hand-harvested; only sound produce kept.",
        ),
        (
            "processing",
            6,
            "Xưởng chế biến {coop}",
            "Tổ chế biến",
            "Sơ chế, chế biến và sấy theo công thức truyền thống.",
            "Cleaned, processed and dried to the traditional recipe.",
        ),
        (
            "inspection",
            3,
            "Trung tâm kiểm nghiệm tỉnh",
            "Trung tâm Kiểm nghiệm",
            "Lấy mẫu kiểm nghiệm chỉ tiêu an toàn thực phẩm: đạt.",
            "Sampled for food-safety tests: passed.",
        ),
        (
            "packing",
            0,
            "Xưởng đóng gói {coop}",
            "Tổ đóng gói",
            "Đóng gói, dán nhãn và mã QR truy xuất.",
            "Packed and labelled with the traceability QR code.",
        ),
        (
            "shipping",
            -2,
            "Kho {coop}",
            "Đơn vị vận chuyển",
            "Xuất kho giao cho sàn OCOP và các điểm bán.",
            "Shipped to the OCOP marketplace and shops.",
        ),
    ],
    "drink": [
        (
            "harvest",
            30,
            "{origin}",
            "Xã viên hợp tác xã",
            "Thu hái nguyên liệu tại vùng trồng của hợp tác xã.",
            "Raw material picked in the cooperative's own growing area.",
        ),
        (
            "processing",
            20,
            "Xưởng {coop}",
            "Tổ sản xuất",
            "Lên men, chưng cất và lọc theo phương pháp truyền thống.",
            "Fermented, distilled and filtered the traditional way.",
        ),
        (
            "storage",
            10,
            "Kho ủ {coop}",
            "Tổ sản xuất",
            "Ủ và bảo quản trong điều kiện ổn định nhiệt độ.",
            "Aged and stored at a steady temperature.",
        ),
        (
            "inspection",
            4,
            "Trung tâm kiểm nghiệm tỉnh",
            "Trung tâm Kiểm nghiệm",
            "Kiểm nghiệm chỉ tiêu chất lượng: đạt.",
            "Quality tests: passed.",
        ),
        (
            "packing",
            0,
            "Xưởng chiết rót {coop}",
            "Tổ đóng gói",
            "Chiết rót, đóng nắp và dán nhãn.",
            "Bottled, capped and labelled.",
        ),
    ],
    "craft": [
        (
            "processing",
            25,
            "Xưởng {coop}",
            "Nghệ nhân",
            "Tạo dáng, hoàn thiện thủ công từng sản phẩm.",
            "Each piece shaped and finished by hand.",
        ),
        (
            "processing",
            10,
            "Xưởng hoàn thiện {coop}",
            "Nghệ nhân",
            "Hoàn thiện bề mặt: sấy, đánh bóng hoặc phủ sơn bảo vệ.",
            "Surface finishing: dried, polished or given a protective coat.",
        ),
        (
            "inspection",
            4,
            "Xưởng {coop}",
            "Tổ kiểm tra chất lượng",
            "Kiểm tra từng sản phẩm, loại bỏ sản phẩm lỗi.",
            "Every piece checked; flawed ones removed.",
        ),
        (
            "packing",
            0,
            "Xưởng {coop}",
            "Tổ đóng gói",
            "Đóng hộp chống sốc và dán tem truy xuất.",
            "Boxed with padding and a traceability label.",
        ),
        (
            "shipping",
            -3,
            "Kho {coop}",
            "Đơn vị vận chuyển",
            "Giao hàng cho sàn và điểm trưng bày OCOP.",
            "Delivered to the marketplace and OCOP showrooms.",
        ),
    ],
    # Ornamental plants and fish (sector 5): raised and cared for, never fired or processed.
    "living": [
        (
            "cultivation",
            180,
            "{origin}",
            "Xã viên hợp tác xã",
            "Ươm giống, chăm sóc và nuôi dưỡng tại vườn, ao của hợp tác xã.",
            "Bred and raised in the cooperative's own nursery and ponds.",
        ),
        (
            "storage",
            10,
            "Khu dưỡng {coop}",
            "Tổ chăm sóc",
            "Tuyển chọn cá thể khỏe, đẹp; dưỡng trước khi xuất bán.",
            "Healthy, well-formed specimens chosen and rested before sale.",
        ),
        (
            "inspection",
            3,
            "Chi cục Chăn nuôi và Thú y tỉnh",
            "Cán bộ kiểm dịch",
            "Kiểm tra sức khỏe, kiểm dịch trước khi vận chuyển: đạt.",
            "Health and quarantine check before transport: passed.",
        ),
        (
            "packing",
            0,
            "Khu đóng gói {coop}",
            "Tổ đóng gói",
            "Đóng gói thoáng khí (túi bơm oxy cho cá, bầu ẩm cho cây) và dán tem truy xuất.",
            "Packed to breathe (oxygen bags for fish, moist root balls for plants) and labelled.",
        ),
        (
            "shipping",
            -1,
            "Điểm giao hàng {coop}",
            "Đơn vị vận chuyển",
            "Giao nhanh trong ngày đến sàn và điểm trưng bày OCOP.",
            "Delivered the same day to the marketplace and OCOP showrooms.",
        ),
    ],
}
# Where each kind of step happens, among a cooperative's demo places (places.py).
STEP_PLACE = {
    "cultivation": Place.Kind.FIELD,
    "harvest": Place.Kind.FIELD,
    "processing": Place.Kind.WORKSHOP,
    "packing": Place.Kind.WORKSHOP,
    "inspection": Place.Kind.LAB,
    "storage": Place.Kind.WAREHOUSE,
    "shipping": Place.Kind.WAREHOUSE,
}
PLACES = [  # kind, Vietnamese name, English name
    (Place.Kind.FIELD, "Vùng nguyên liệu {coop}", "{coop} growing area"),
    (Place.Kind.WORKSHOP, "Xưởng sản xuất {coop}", "{coop} workshop"),
    (Place.Kind.LAB, "Phòng kiểm tra chất lượng {coop}", "{coop} quality room"),
    (Place.Kind.WAREHOUSE, "Kho {coop}", "{coop} warehouse"),
    (Place.Kind.SHOP, "Điểm bán {coop}", "{coop} shop"),
]
# Where demo shipments go: the alliance's OCOP showroom, with a GLN under a demo prefix.
SHOWROOM = ("Trung tâm giới thiệu sản phẩm OCOP – Liên minh HTX Việt Nam", "8930000", 1)
MADE_FROM_EVERY = 7  # every seventh processing step uses another cooperative's published lot

SECTOR_JOURNEY = {"1": "food", "2": "drink", "3": "food", "4": "craft", "5": "living"}
UNITS = {"food": "gói", "drink": "chai", "craft": "cái", "living": "cá thể"}


def _sector(product) -> str:
    """The OCOP sector (1-6) of the product's sub-group code, e.g. "4" for "4.1.1"."""
    categories = list(product.categories.all())
    code = categories[0].code if categories and categories[0].code else "1"
    return code[:1]


def _producer(partner):
    return getattr(partner, "producer", None)


def _party(partner, coop: str) -> tuple[Party, dict, Party]:
    """The cooperative's party (prefix from its GTINs), its places by kind and its showroom."""
    party = Party.for_partner(partner)
    if not party.company_prefix:
        upcs = partner.stockrecords.values_list("product__upc", flat=True)
        prefix = suggested_prefix([u for u in upcs if u])
        if prefix:
            party.set_prefix(prefix)
    places = {p.kind: p for p in party.places.all()}
    for kind, vi, en in PLACES:
        if kind not in places:
            places[kind] = Place.objects.create(
                party=party, kind=kind, name=vi.format(coop=coop), name_en=en.format(coop=coop)
            )
    name, prefix, reference = SHOWROOM
    showroom, _created = Party.objects.get_or_create(
        owner=partner, name=name, defaults={"gln": gs1.make_gln(prefix, reference)}
    )
    return party, places, showroom


def _photo(seed: int) -> bytes:
    rnd = random.Random(seed)
    image = Image.new(
        "RGB", (480, 360), (rnd.randint(60, 120), rnd.randint(120, 170), rnd.randint(60, 100))
    )
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rnd.randint(0, 480), rnd.randint(0, 360)
        draw.ellipse(
            (x - 30, y - 20, x + 30, y + 20),
            fill=(rnd.randint(150, 230), rnd.randint(160, 220), 90),
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=75)
    return buffer.getvalue()


def _report_pdf(batch: Batch) -> bytes:
    from reportlab.pdfgen import canvas

    from traceability import labels

    labels._register_fonts()
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont(labels.FONT_BOLD, 14)
    pdf.drawString(72, 760, "PHIẾU KẾT QUẢ THỬ NGHIỆM (mẫu minh họa)")
    pdf.setFont(labels.FONT, 11)
    pdf.drawString(72, 735, f"Sản phẩm: {batch.product.title}")
    pdf.drawString(72, 718, f"Lô: {batch.lot} – Kết luận: Đạt")
    pdf.save()
    return buffer.getvalue()


@transaction.atomic
def load_batches(stdout=None) -> int:
    """Create the demo batches once; a second run leaves existing ones as they are."""
    if Batch.objects.exists():
        return 0
    rnd = random.Random(7)
    today = timezone.localdate()
    products = (
        Product.objects.filter(stockrecords__isnull=False, product_class__slug="ocop-product")
        .select_related("product_class")
        .prefetch_related("stockrecords__partner__producer", "categories")
        .order_by("pk")
    )
    made: list[Batch] = []
    for index, product in enumerate(products):
        if index % SKIP_EVERY == SKIP_EVERY - 1:
            continue
        partner = product.stockrecords.all()[0].partner
        producer = _producer(partner)
        journey = SECTOR_JOURNEY.get(_sector(product), "food")
        packed = today - datetime.timedelta(days=5 + index % 40)
        lot = (
            f"L{packed:%y}/{packed:%m}-{index:03d}"
            if index % SLASH_LOT_EVERY == 0
            else f"{packed:%y%m}-{index:03d}"
        )
        batch = Batch.objects.create(
            product=product,
            partner=partner,
            lot=lot,
            produced_on=packed,
            expires_on=None
            if journey in ("craft", "living")
            else packed + datetime.timedelta(days=365),
            quantity=rnd.choice([120, 200, 300, 500, 800, 1000]),
            unit=UNITS[journey],
            origin_name=f"Vùng nguyên liệu {producer.short_name}" if producer else partner.name,
            growing_area_code=f"VN-{(producer.province_code if producer else '01')}-{index:04d}"
            if journey == "food"
            else "",
            province_code=producer.province_code
            if producer
            else (product.origin_province_code or "01"),
            commune_code=producer.commune_code if producer else "",
            inputs="Nguyên liệu từ vùng trồng của hợp tác xã; phân hữu cơ vi sinh."
            if journey == "food"
            else "",
        )
        coop = producer.short_name if producer else partner.name
        party, places, showroom = _party(partner, coop)
        events = [
            JourneyEvent(
                batch=batch,
                kind=kind,
                occurred_at=timezone.make_aware(
                    datetime.datetime.combine(
                        packed - datetime.timedelta(days=days), datetime.time(8 + step)
                    )
                ),
                place=place.format(origin=batch.place, coop=coop),
                location=places[STEP_PLACE[kind]],
                counterparty=showroom if kind == "shipping" else None,
                sscc=party.allocate_sscc() if kind == "packing" else "",
                actor=actor,
                description=vi,
                description_en=en,
            )
            for step, (kind, days, place, actor, vi, en) in enumerate(JOURNEYS[journey])
            if packed - datetime.timedelta(days=days) <= today
        ]
        JourneyEvent.objects.bulk_create(events)
        _made_from(events, partner, made, index)
        if len(made) < PHOTOS:
            event = batch.events.order_by("occurred_at")[1]
            Attachment.objects.create(
                batch=batch,
                event=event,
                kind=Attachment.Kind.PHOTO,
                title="Ảnh công đoạn",  # commands run untranslated: the cooperative's own words
                file=ContentFile(_photo(index), name=f"demo-{index}.jpg"),
            )
            Attachment.objects.create(
                batch=batch,
                kind=Attachment.Kind.TEST_REPORT,
                title="Phiếu kết quả thử nghiệm",
                file=ContentFile(_report_pdf(batch), name=f"kiem-nghiem-{index}.pdf"),
            )
        if index % DRAFT_EVERY != 3:
            batch.publish()
        made.append(batch)
    published = [b for b in made if b.is_published]
    _serialise(published[:SERIALISED])
    _scans(published, rnd, today)
    if stdout:
        stdout.write(
            f"  {len(made)} batches ({len(published)} published), {SERIALISED} serialised runs"
        )
    return len(made)


def _made_from(events: list[JourneyEvent], partner, made: list[Batch], index: int) -> None:
    """Now and then a processing step takes in another cooperative's published lot."""
    processing = [e for e in events if e.kind == "processing"]
    if not processing or index % MADE_FROM_EVERY != 1:
        return
    supplier = next(
        (b for b in reversed(made) if b.is_published and b.partner_id != partner.pk), None
    )
    if supplier is not None:
        processing[0].input_batches.add(supplier)


def _serialise(batches: list[Batch]) -> None:
    for batch in batches:
        run = LabelRun.objects.create(
            batch=batch,
            serialised=True,
            quantity=SERIALS_PER_RUN,
            status=LabelRun.Status.DONE,
            done=SERIALS_PER_RUN,
            finished_at=timezone.now(),
        )
        Serial.issue(batch, SERIALS_PER_RUN, run=run)


def _scans(batches: list[Batch], rnd: random.Random, today: datetime.date) -> None:
    now = timezone.now()
    devices = [Scan.Device.PHONE] * 8 + [Scan.Device.TABLET, Scan.Device.DESKTOP]
    scans = []
    windows: dict[int, int] = {}
    for batch in batches:
        # Scans come after packing: a shopper cannot scan a package not yet made.
        packed_at = timezone.make_aware(
            datetime.datetime.combine(batch.produced_on, datetime.time(18))
        )
        window = max(180, min(30 * 24 * 60, int((now - packed_at).total_seconds() // 60)))
        windows[batch.pk] = window
        for _ in range(rnd.randint(0, 25)):
            scans.append(
                Scan(
                    batch=batch,
                    device=rnd.choice(devices),
                    scanned_at=now - datetime.timedelta(minutes=rnd.randint(30, window)),
                )
            )
    serials = list(Serial.objects.filter(batch__in=batches[:SERIALISED]).order_by("pk"))
    for serial in serials[1:12]:  # ordinary units: scanned once or twice, in one city
        for _ in range(rnd.randint(1, 2)):
            scans.append(
                Scan(
                    batch_id=serial.batch_id,
                    serial=serial,
                    device=Scan.Device.PHONE,
                    latitude=HANOI[0],
                    longitude=HANOI[1],
                    scanned_at=now
                    - datetime.timedelta(minutes=rnd.randint(120, windows[serial.batch_id])),
                )
            )
    if serials:
        # The copied one: scanned again and again, in Hà Nội and Sài Gòn within the same morning.
        copied = serials[0]
        for n in range(SUSPICIOUS_SCANS):
            lat, lon = HANOI if n % 2 else SAIGON
            scans.append(
                Scan(
                    batch_id=copied.batch_id,
                    serial=copied,
                    device=Scan.Device.PHONE,
                    latitude=lat,
                    longitude=lon,
                    scanned_at=now
                    - datetime.timedelta(hours=6)
                    + datetime.timedelta(minutes=20 * n),
                )
            )
        copied.raise_flag(Serial.Flag.IMPOSSIBLE_TRAVEL)
    Scan.objects.bulk_create(scans, batch_size=1000)


def delete_batches() -> None:
    """For ``load_demo --reset``: batches protect their products, so they go first."""
    for model in (Scan, Serial, LabelRun, Attachment, JourneyEvent, Batch, Place, Party):
        model.objects.all().delete()
