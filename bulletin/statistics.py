"""The statistics page: counts of the public records, drawn as charts on the server."""

from django.shortcuts import render
from django.views.decorators.http import require_GET


@require_GET
def statistics_page(request):
    return render(request, "bulletin/statistics.html", {})
