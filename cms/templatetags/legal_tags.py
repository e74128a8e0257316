from django import template

from cms import legal_pages

register = template.Library()


@register.inclusion_tag("cms/includes/legal_links.html", takes_context=True)
def legal_links(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "legal_links": legal_pages.links(),
        "signed_in": bool(user is not None and user.is_authenticated),
    }


@register.inclusion_tag("cms/includes/legal_prompt.html", takes_context=True)
def legal_prompt(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    pages = legal_pages.to_accept(user) if user is not None else []
    return {"pages": pages, "request": request, "csrf_token": context.get("csrf_token")}
