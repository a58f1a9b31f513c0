from common.sitemaps import BilingualSitemap

from .models import Meeting


class MeetingSitemap(BilingualSitemap):
    lastmod_field = "updated_at"

    def items(self):
        return Meeting.objects.published().order_by("pk")
