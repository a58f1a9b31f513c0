from common.sitemaps import BilingualSitemap

from .models import CommentRequest, Committee, Standard


class StandardSitemap(BilingualSitemap):
    def items(self):
        return Standard.objects.published().order_by("pk")

    def lastmod(self, standard):
        return standard.updated_at


class CommentRequestSitemap(BilingualSitemap):
    def items(self):
        return CommentRequest.objects.published().order_by("pk")

    def lastmod(self, comment_request):
        return comment_request.updated_at


class CommitteeSitemap(BilingualSitemap):
    def items(self):
        return Committee.objects.order_by("pk")
