from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render

from common.site_urls import canonical_query
from common.throttling import rate_limited

from .models import SearchEntry
from .queries import Search

PER_PAGE = 20
FACETS = ("kind", "year", "committee")
KEPT = {"q", *FACETS, "page"}


def _number(value, low, high):
    return int(value) if value.isdigit() and low <= int(value) <= high else None


def search(request):
    """The site search: every public record kind, ranked, with facets; the query string is the
    permalink (its canonical form names only what makes the page)."""
    asked = request.GET.get("q", "").strip()
    if asked:
        limited = rate_limited(request, "search")
        if limited:
            return limited
    query = asked[: settings.SEARCH_MAX_LENGTH]
    kind = request.GET.get("kind", "")
    chosen = {
        "kind": kind if kind in SearchEntry.Kind.values else None,
        "year": _number(request.GET.get("year", ""), 1990, 2100),
        "committee": _number(request.GET.get("committee", ""), 1, 2**31 - 1),
    }
    results = Search(query, **chosen)
    page = Paginator(results, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/search.html",
        {
            "query": query,
            "shortened": len(asked) > len(query),
            "max_length": settings.SEARCH_MAX_LENGTH,
            "page_obj": page,
            "results": page.object_list,
            "total": results.count(),
            "facets": _facet_links(request.GET, results.facet_counts(), chosen),
            "query_string": _without(request.GET, "page"),
            "canonical_query": canonical_query(request.GET, KEPT),
        },
    )


def _without(query, *names):
    query = query.copy()
    for name in names:
        query.pop(name, None)
    return canonical_query(query, KEPT)


def _facet_links(query, counts, chosen):
    """Per facet, its values with their counts, each a link adding it to the query (back to the
    first page), and whether it is the one chosen; and the link leaving the facet out."""
    facets = []
    for name in FACETS:
        values = []
        for value, label, count in counts[name]:
            linked = query.copy()
            linked.pop("page", None)
            linked[name] = str(value)
            values.append(
                {
                    "label": label,
                    "count": count,
                    "query": canonical_query(linked, KEPT),
                    "chosen": str(value) == str(chosen[name]),
                }
            )
        facets.append(
            {
                "name": name,
                "values": values,
                "chosen": chosen[name] is not None,
                "all": _without(query, name, "page"),
            }
        )
    return facets
