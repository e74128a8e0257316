from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from . import units


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def communes(request):
    """The communes of ``?province=<code>`` as ``{"communes": [{"code", "name"}]}``; empty if unknown."""
    code = request.GET.get("province", "")[:2]
    data = [{"code": c.code, "name": c.name} for c in units.communes(code)]
    return JsonResponse({"province": code if units.province(code) else None, "communes": data})
