"""The 2025 administrative map: 34 provinces, 3,321 communes, official codes, legacy codes mapped."""

from __future__ import annotations

from regions import units


def test_it_has_the_34_provinces_of_2025():
    provinces = units.provinces()
    assert len(provinces) == 34
    assert units.province("01").name == "Thành phố Hà Nội"
    assert units.province("01").short_name == "Hà Nội"


def test_it_has_3321_communes_in_all():
    assert sum(len(units.communes(p.code)) for p in units.provinces()) == 3321


def test_it_finds_a_commune_by_code_and_its_province():
    ba_dinh = units.commune("00004")
    assert ba_dinh.name == "Phường Ba Đình"
    assert ba_dinh.province_code == "01"
    assert units.commune_in_province("00004", "01")
    assert not units.commune_in_province("00004", "79")


def test_it_answers_none_or_empty_for_unknown_codes():
    assert units.province("99") is None
    assert units.province(None) is None
    assert units.commune("xxxxx") is None
    assert units.communes("99") == []
    assert not units.commune_in_province("", "01")


def test_it_maps_pre_2025_province_codes_to_the_current_ones():
    assert units.current_province_code("02") == "08"  # Hà Giang merged into Tuyên Quang
    assert units.current_province_code("74") == "79"  # Bình Dương into Hồ Chí Minh City
    assert units.current_province_code("01") == "01"
    assert units.current_province_code("99") is None
    legacy_codes = {f"{n:02d}" for n in range(1, 97)}
    mapped = {code for code in legacy_codes if units.current_province_code(code)}
    assert len(mapped) == 63


def test_it_loads_the_data_once():
    units.provinces()
    before = units._provinces.cache_info().hits
    units.provinces()
    assert units._provinces.cache_info().hits == before + 1


def test_a_place_label_joins_what_is_known_of_an_address():
    assert units.place_label("12 Hàng Bạc", "00004", "01") == (
        "12 Hàng Bạc, Phường Ba Đình, Thành phố Hà Nội"
    )
    assert units.place_label("Đồi chè Tân Cương", "", "01") == "Đồi chè Tân Cương, Thành phố Hà Nội"
    assert units.place_label("", None, "99") == ""
