from common.sitemaps import BilingualSitemap

from .models import CommentRequest, Committee, Standard


class StandardSitemap(BilingualSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Standard.objects.published().order_by("pk")


class CommentRequestSitemap(BilingualSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return CommentRequest.objects.published().order_by("pk")


class CommitteeSitemap(BilingualSitemap):
    def items(self):
        return Committee.objects.order_by("pk")
