from trade.screening import BANK_ACCOUNT, OFF_PLATFORM, PHONE, reasons


def test_it_finds_account_numbers_phones_and_off_platform_requests():
    assert BANK_ACCOUNT in reasons("STK: 19036512345018 Techcombank")
    assert PHONE in reasons("gọi +84 912 345 678")
    assert OFF_PLATFORM in reasons("Chuyển khoản trước giúp em")
    assert OFF_PLATFORM in reasons("Liên hệ qua Zalo nhé")


def test_it_lets_quantities_prices_and_dates_through():
    assert reasons("Cần 5000 chai, giá 105.000 đ, giao 15/01/2027") == []
    assert reasons("Đơn tối thiểu 200 kg, giao sau 10 ngày") == []
