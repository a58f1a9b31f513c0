"""The shape every public list shares: filters, search, sorting, pages and downloads."""

from django.http import HttpResponseBadRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.views import FilterView

from . import downloads
from .exports import FORMATS, download_response
from .paginators import GenerationCountPaginator
from .site_urls import canonical_query
from .throttling import rate_limited


class PublicListView(FilterView):
    """A list of public records filtered by the query string, which is the permalink.

    The same view answers `…/export.csv`, `.xlsx` and `.jsonl` with exactly the filtered rows;
    the whole list's are files published once per content generation (common.downloads).
    An invalid filter value shows the form's error and no rows, never silently all of them
    (django-filter's strict mode). Searches and downloads are counted per client and refused
    over their rate (common.throttling).
    """

    paginate_by = 20
    # What a visitor may ask for with ?per_page=; anything else gets paginate_by.
    page_sizes = (20, 50, 100)
    template_name_suffix = "_list"
    resource_class = None
    export_filename = ""
    export_url_name = ""

    def get(self, request, *args, **kwargs):
        download = kwargs.get("format") in FORMATS
        if download or request.GET.get("q"):
            limited = rate_limited(request, "download" if download else "search")
            if limited:
                return limited
        if download:
            return self.export(kwargs["format"])
        return super().get(request, *args, **kwargs)

    def export(self, format):
        filename = self.download_filename()
        # The whole list's file is looked for before the filter set is built: building its
        # form costs more than sending the file.
        if not canonical_query(self.request.GET, set(self.get_filterset_class().base_filters)):
            view_path = f"{type(self).__module__}.{type(self).__qualname__}"
            published = downloads.response(
                self.request, self.export_filename, format, view_path, filename
            )
            if published is not None:
                return published
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            errors = "; ".join(
                f"{field}: {' '.join(messages)}"
                for field, messages in self.filterset.errors.items()
            )
            return HttpResponseBadRequest(_("筛选条件无效：%(errors)s") % {"errors": errors})
        return download_response(format, self.resource_class(), self.filterset.qs, filename)

    @classmethod
    def download_filename(cls):
        return f"{cls.export_filename}-{timezone.localdate():%Y%m%d}"

    @classmethod
    def full_queryset(cls):
        """Every row of the list, in its order: what the download without a filter holds."""
        return cls.filterset_class(data=None, queryset=cls.queryset.all()).qs

    def get_paginate_by(self, queryset):
        asked = self.request.GET.get("per_page", "")
        sizes = {str(size): size for size in self.page_sizes}
        return sizes.get(asked, self.paginate_by)

    def get_paginator(self, queryset, per_page, **kwargs):
        filters = canonical_query(self.request.GET, set(self.filterset.form.fields))
        return GenerationCountPaginator(
            queryset,
            per_page,
            count_key=f"{type(self).__module__}.{type(self).__qualname__}?{filters}",
            **kwargs,
        )

    def get_canonical_query(self):
        """The query of this list's canonical URL: its filters, its page, its page size; nothing
        empty, no first page and no page size it would not give."""
        kept = {*self.filterset.form.fields, "page"}
        if self.request.GET.get("per_page") in {str(size) for size in self.page_sizes}:
            kept.add("per_page")
        return canonical_query(self.request.GET, kept)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_string"] = query.urlencode()
        query.pop("per_page", None)
        context["page_size_query"] = query.urlencode()
        context["page_sizes"] = sorted({*self.page_sizes, self.paginate_by})
        context["export_url_name"] = self.export_url_name
        context["total"] = context["paginator"].count if context.get("paginator") else 0
        context["canonical_query"] = self.get_canonical_query()
        return context
