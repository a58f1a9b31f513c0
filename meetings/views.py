from django.views.generic import DetailView

from common.views import PublicListView

from .filters import MeetingFilter
from .models import Meeting
from .resources import MeetingResource


class MeetingListView(PublicListView):
    queryset = (
        Meeting.objects.published().select_related("organiser").order_by("-start_date", "-pk")
    )
    filterset_class = MeetingFilter
    resource_class = MeetingResource
    export_filename = "meetings"
    export_url_name = "meetings:meeting-export"


class MeetingDetailView(DetailView):
    queryset = Meeting.objects.published().select_related("organiser__parent")  # for the lead

    def get_context_data(self, **kwargs):
        meeting = self.object
        reviews = meeting.reviews.published().select_related("standard")
        return super().get_context_data(
            sections=meeting.sections.all(),
            photos=meeting.photos.all(),
            attachments=meeting.attachments.all(),
            reviews=reviews,
            # A standard the meeting reviewed is listed once, with its review.
            related_standards=meeting.related_standards.published().exclude(
                pk__in=reviews.values("standard")
            ),
            **kwargs,
        )
