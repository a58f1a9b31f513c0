from common.sitemaps import BilingualSitemap

from .models import Meeting


class MeetingSitemap(BilingualSitemap):
    def items(self):
        return Meeting.objects.published().order_by("pk")

    def lastmod(self, meeting):
        return meeting.updated_at
