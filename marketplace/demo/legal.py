"""Demo legal pages: operating rules, terms of sale, privacy notice, registration notice.

Idempotent: a page of a kind that exists is left as it is (editors' versions stay).
The texts are a starting point for the operator's lawyers, not legal advice.
"""

from __future__ import annotations

import datetime

from cms.models import HomePage, LegalPage

from .cms import HOME_SLUG

EFFECTIVE = datetime.date(2026, 7, 1)  # E-commerce Law 122/2025/QH15 comes into force

RULES_VI = """
<h2>1. Các bên và quyền, nghĩa vụ</h2>
<p>Sàn do Liên minh Hợp tác xã Việt Nam vận hành. Người bán là hợp tác xã, liên hiệp hợp tác xã, tổ hợp tác và chủ thể OCOP đã đăng ký. Người mua là mọi cá nhân, tổ chức đặt hàng trên sàn.</p>
<h2>2. Xác minh người bán</h2>
<p>Sàn thu thập và kiểm tra tên, địa chỉ, số đăng ký kinh doanh hoặc mã số thuế, người đại diện và thông tin liên hệ của người bán trước khi cho phép bán (Luật Thương mại điện tử số 122/2025/QH15).</p>
<h2>3. Quy định đăng sản phẩm</h2>
<p>Sản phẩm mới hoặc thay đổi nội dung quan trọng được kiểm duyệt trước khi hiển thị. Dữ liệu tin đăng, kể cả tin đã xoá, được lưu ít nhất 1 năm.</p>
<h2>4. Đặt hàng, thanh toán, giao hàng</h2>
<p>Giá niêm yết bằng đồng Việt Nam, đã gồm thuế. Thanh toán khi nhận hàng, chuyển khoản VietQR hoặc thẻ. Mỗi hợp tác xã giao phần hàng của mình và công bố phí vận chuyển trước khi đặt.</p>
<h2>5. Đổi trả và khiếu nại</h2>
<p>Người mua có thể khiếu nại từng sản phẩm trong đơn hàng trong 30 ngày sau khi nhận. Hợp tác xã trả lời trong 48 giờ; quá hạn hoặc khi người mua yêu cầu, sàn trực tiếp giải quyết: hoàn tiền, đổi hàng, trả hàng hoặc từ chối có lý do.</p>
<h2>6. Giải quyết tranh chấp</h2>
<p>Các bên ưu tiên thương lượng qua sàn; nếu không thành, tranh chấp được giải quyết theo pháp luật Việt Nam.</p>
<h2>7. Dữ liệu cá nhân</h2>
<p>Xem Chính sách bảo vệ dữ liệu cá nhân.</p>
<h2 id="xep-hang">8. Tiêu chí sắp xếp sản phẩm và kết quả tìm kiếm</h2>
<p>Mặc định, sản phẩm được sắp theo: mức độ khớp với từ khoá tìm kiếm; thứ tự ưu tiên do sàn đặt cho chương trình xúc tiến (công khai trên trang sản phẩm); ngày đăng mới nhất. Người mua có thể sắp theo giá, hạng sao OCOP hoặc tên. Không có vị trí trả phí.</p>
"""

RULES_EN = """
<h2>1. The parties, their rights and duties</h2>
<p>The marketplace is run by the Vietnam Cooperative Alliance. Sellers are registered cooperatives, unions of cooperatives, cooperative groups and OCOP producers. Buyers are anyone who orders on the marketplace.</p>
<h2>2. Seller verification</h2>
<p>The marketplace collects and checks each seller's name, address, registration number or tax code, representative and contact before they may sell (E-commerce Law 122/2025/QH15).</p>
<h2>3. Listing rules</h2>
<p>New listings and material changes are reviewed before they are shown. Listing data, deleted listings included, is kept at least one year.</p>
<h2>4. Ordering, payment, delivery</h2>
<p>Prices in Vietnamese dong, taxes included. Cash on delivery, VietQR transfer or card. Each cooperative ships its part of an order and shows its shipping charge before the order is placed.</p>
<h2>5. Returns and complaints</h2>
<p>A buyer may complain about any item of an order within 30 days of delivery. The cooperative answers within 48 hours; past that, or when the buyer asks, the marketplace's staff decide: refund, replacement, return, or rejection with a reason.</p>
<h2>6. Disputes</h2>
<p>The parties first negotiate through the marketplace; failing that, disputes are settled under Vietnamese law.</p>
<h2>7. Personal data</h2>
<p>See the privacy notice.</p>
<h2 id="ranking">8. How listings and search results are ordered</h2>
<p>By default: how well a product matches the search words; the priority the marketplace gives to promotion programmes (shown on the product page); the newest first. Buyers may sort by price, OCOP stars or name. No position is paid for.</p>
"""

PRIVACY_VI = """
<p>Bên kiểm soát dữ liệu: Liên minh Hợp tác xã Việt Nam. Chúng tôi xử lý tên, địa chỉ, số điện thoại, e-mail và đơn hàng để giao hàng và lập chứng từ kế toán; vị trí gần đúng khi quét mã, e-mail tiếp thị và thống kê chỉ khi bạn đồng ý (Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Điều 9).</p>
<p>Bạn có quyền xem, tải về, chỉnh sửa, xoá, hạn chế xử lý dữ liệu và rút lại sự đồng ý bất cứ lúc nào tại trang "Dữ liệu cá nhân của bạn". Yêu cầu được phản hồi trong 2 ngày làm việc (Nghị định 356/2025/NĐ-CP). Đơn hàng được giữ lại, đã ẩn danh, theo thời hạn pháp luật kế toán.</p>
"""

PRIVACY_EN = """
<p>Controller: the Vietnam Cooperative Alliance. We process your name, address, phone, e-mail and orders to deliver and to keep the accounts; an approximate location on scans, marketing e-mails and analytics only with your consent (Personal Data Protection Law 91/2025/QH15, Art. 9).</p>
<p>You may see, download, correct, delete or restrict your data and withdraw consent at any time on the "Your personal data" page. Requests are answered within 2 working days (Decree 356/2025/ND-CP). Orders are kept, anonymised, for the period accounting law requires.</p>
"""

TERMS_VI = "<p>Hợp đồng mua bán được giao kết giữa người mua và hợp tác xã bán hàng; sàn là bên cung cấp dịch vụ sàn giao dịch thương mại điện tử. Giá, phí vận chuyển và điều kiện đổi trả được hiển thị trước khi đặt hàng.</p>"
TERMS_EN = "<p>The contract of sale is between the buyer and the selling cooperative; the marketplace provides the e-commerce platform. Prices, shipping charges and return conditions are shown before the order is placed.</p>"
REGISTRATION_VI = "<p>Sàn giao dịch thương mại điện tử đã thông báo/đăng ký với Bộ Công Thương. Số đăng ký: (điền khi được cấp).</p>"
REGISTRATION_EN = "<p>The marketplace is notified to / registered with the Ministry of Industry and Trade. Registration number: (to be filled in when issued).</p>"

PAGES = [
    (
        "quy-che-hoat-dong",
        LegalPage.Kind.OPERATING_RULES,
        "Quy chế hoạt động",
        "Operating rules",
        True,
        RULES_VI,
        RULES_EN,
    ),
    (
        "dieu-khoan-mua-ban",
        LegalPage.Kind.TERMS_OF_SALE,
        "Điều khoản mua bán",
        "Terms of sale",
        True,
        TERMS_VI,
        TERMS_EN,
    ),
    (
        "chinh-sach-du-lieu-ca-nhan",
        LegalPage.Kind.PRIVACY_NOTICE,
        "Chính sách bảo vệ dữ liệu cá nhân",
        "Privacy notice",
        False,
        PRIVACY_VI,
        PRIVACY_EN,
    ),
    (
        "thong-tin-dang-ky",
        LegalPage.Kind.REGISTRATION,
        "Thông tin đăng ký với Bộ Công Thương",
        "Registration with the Ministry",
        False,
        REGISTRATION_VI,
        REGISTRATION_EN,
    ),
]


def load(stdout=None) -> None:
    home = HomePage.objects.filter(slug=HOME_SLUG).first()
    if home is None:
        return
    for slug, kind, title, title_en, accept, body, body_en in PAGES:
        if LegalPage.objects.filter(kind=kind).exists():
            continue
        page = LegalPage(
            slug=slug,
            title=title,
            title_en=title_en,
            kind=kind,
            version="2026-07",
            effective_date=EFFECTIVE,
            requires_acceptance=accept,
            body=body.strip(),
            body_en=body_en.strip(),
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        if stdout is not None:
            stdout.write(f"  {title}")
