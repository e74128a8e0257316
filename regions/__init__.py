"""Vietnam's administrative map in force since 1 July 2025: 34 provinces, 3,321 communes.

No models: the data is ``regions/data/admin_units_2025.json``, exported from the
``vietnamadminunits`` package (MIT; not a runtime dependency, as it pulls in GPL code),
and is held in memory. The small public API, for forms, addresses and producers alike:

- ``regions.units``: ``provinces()``, ``province(code)``, ``communes(province_code)``,
  ``commune(code)``, ``commune_in_province(commune_code, province_code)``,
  ``place_label(first, commune_code, province_code)`` (an address line),
  ``current_province_code(legacy_code)`` (pre-2025, 63-province codes).
- ``regions.forms``: ``ProvinceField``, ``CommuneField`` and ``RegionFormMixin``, which
  checks that the chosen commune belongs to the chosen province.
- ``/regions/communes/?province=<code>``: the communes of a province as JSON, for the
  dependent select (``regions/communes.js``).
"""
