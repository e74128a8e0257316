def search_query(request):
    """The current search words, so the header's search box keeps them."""
    return {
        "search_query": (request.GET.get("q") or "")[:200]
        if request.path.startswith("/shop/")
        else ""
    }
