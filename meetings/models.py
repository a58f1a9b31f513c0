from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from common.images import rendition_url
from common.models import (
    Attachment,
    DateRangeModel,
    PublishableModel,
    TimestampedModel,
    VersionedModel,
)
from common.richtext import RichTextField
from common.uploads import PhotoField, RandomPath

from .leads import meeting_lead


class Meeting(TimestampedModel, PublishableModel, DateRangeModel, VersionedModel):
    class Mode(models.TextChoices):
        ONLINE = "online", _("网络会议")
        IN_PERSON = "in_person", _("现场会议")
        HYBRID = "hybrid", _("线上线下结合")

    class CountQualifier(models.TextChoices):
        EXACT = "", _("确数")
        OVER = "over", _("余（多）")
        NEARLY = "nearly", _("近")

    class ParticipantUnit(models.TextChoices):
        PEOPLE = "people", _("人")
        ORGANISATIONS = "organisations", _("家单位")

    class ParticipantRole(models.TextChoices):
        EXPERT_REPRESENTATIVES = "expert_representatives", _("专家代表")
        REPRESENTATIVES = "representatives", _("代表")
        EXPERTS = "experts", _("专家")

    title = models.CharField(_("会议名称"), max_length=300)
    organiser = models.ForeignKey(
        "standards.Committee",
        verbose_name=_("组织单位"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    mode = models.CharField(
        _("形式"),
        max_length=20,
        choices=Mode.choices,
        blank=True,
        help_text=_("通知未说明时留空。"),
    )
    city = models.CharField(_("城市"), max_length=50, blank=True)
    venue = models.CharField(_("地点"), max_length=200, blank=True)
    participant_count = models.PositiveIntegerField(_("参会人数"), null=True, blank=True)
    participant_count_qualifier = models.CharField(
        _("人数说明"),
        max_length=10,
        choices=CountQualifier.choices,
        blank=True,
        default=CountQualifier.EXACT,
        help_text=_("“60 余位”选“余”，“近 50 位”选“近”。"),
    )
    participant_unit = models.CharField(
        _("计数单位"),
        max_length=20,
        choices=ParticipantUnit.choices,
        default=ParticipantUnit.PEOPLE,
        help_text=_("“36 家单位参与”按单位计数。"),
    )
    participant_role = models.CharField(
        _("参会人员"),
        max_length=30,
        choices=ParticipantRole.choices,
        blank=True,
        default=ParticipantRole.EXPERT_REPRESENTATIVES,
        help_text=_("开头一句中参会者的称呼，如“60 余位专家代表”；留空时写作“60 余人”。"),
    )
    attendees = models.TextField(
        _("参会单位"), blank=True, help_text=_("如“整车企业、零部件企业、检测机构以及相关单位”。")
    )
    summary = models.TextField(
        _("会议概况"),
        blank=True,
        help_text=_(
            "留空时，月报和会议页面以按时间、形式、组织单位和参会情况自动生成的一句话开头；"
            "填写后以此处文字代替。"
        ),
    )
    related_standards = models.ManyToManyField(
        "standards.Standard", verbose_name=_("相关标准"), blank=True, related_name="meetings"
    )
    reviews = models.ManyToManyField(
        "standards.Review",
        verbose_name=_("本次会议审查"),
        blank=True,
        related_name="meetings",
        help_text=_("审查会所审查的标准项目。"),
    )

    history = HistoricalRecords(excluded_fields=["version"])

    class Meta(DateRangeModel.Meta):
        verbose_name = _("会议")
        verbose_name_plural = pgettext_lazy("plural", "会议")
        ordering = ["start_date", "pk"]
        # The public list's order (see MeetingListView), whole and by mode.
        indexes = [
            models.Index(fields=["is_public", "-start_date", "-id"], name="meeting_public_order"),
            models.Index(
                fields=["is_public", "mode", "-start_date", "-id"], name="meeting_public_mode"
            ),
            # The list's choice of organisers: those with a public meeting.
            models.Index(fields=["is_public", "organiser"], name="meeting_public_organiser"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("meetings:meeting-detail", kwargs={"pk": self.pk})

    @property
    def lead(self):
        """The sentence that opens the meeting in the bulletin: the editor's, or one from the facts.

        Reads the organiser and, for a sub-committee, its parent: select both.
        """
        return self.summary or self.generated_lead

    @property
    def generated_lead(self):
        return meeting_lead(self)

    @property
    def is_participant_count_approximate(self):
        return self.participant_count_qualifier != self.CountQualifier.EXACT

    @property
    def participants_display(self):
        """The count as the bulletin words it: 60 余人, 近 50 人, 36 家单位."""
        if self.participant_count is None:
            return ""
        wording = PARTICIPANT_WORDING[self.participant_count_qualifier, self.participant_unit]
        return wording % {"count": self.participant_count}


PARTICIPANT_WORDING = {
    (Meeting.CountQualifier.EXACT, Meeting.ParticipantUnit.PEOPLE): _("%(count)d 人"),
    (Meeting.CountQualifier.OVER, Meeting.ParticipantUnit.PEOPLE): _("%(count)d 余人"),
    (Meeting.CountQualifier.NEARLY, Meeting.ParticipantUnit.PEOPLE): _("近 %(count)d 人"),
    (Meeting.CountQualifier.EXACT, Meeting.ParticipantUnit.ORGANISATIONS): _("%(count)d 家单位"),
    (Meeting.CountQualifier.OVER, Meeting.ParticipantUnit.ORGANISATIONS): _("%(count)d 余家单位"),
    (Meeting.CountQualifier.NEARLY, Meeting.ParticipantUnit.ORGANISATIONS): _(
        "近 %(count)d 家单位"
    ),
}


class MeetingSection(models.Model):
    class Heading(models.TextChoices):
        INTRODUCTION = "introduction", _("会议介绍")
        AGENDA = "agenda", _("会议议题")
        CONTENT = "content", _("会议内容")
        KEY_POINTS = "key_points", _("会议要点")
        NEXT_STEPS = "next_steps", _("后续工作计划")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="sections"
    )
    heading = models.CharField(
        pgettext_lazy("section", "标题"), max_length=20, choices=Heading.choices
    )
    body = RichTextField(
        _("正文"), help_text=_("可用段落与编号列表（01、02…）；粘贴的其他格式会被清除。")
    )
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("会议栏目")
        verbose_name_plural = pgettext_lazy("plural", "会议栏目")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.get_heading_display()


class MeetingPhoto(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="photos"
    )
    image = PhotoField(_("图片"), upload_to=RandomPath("meetings/photos"))
    caption = models.CharField(_("图片说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("会议照片")
        verbose_name_plural = pgettext_lazy("plural", "会议照片")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.caption or self.image.name

    @property
    def display_url(self):
        """The photo's URL at a size for a page or the PDF ("" when it cannot be shown)."""
        return rendition_url(self.image)


class MeetingAttachment(Attachment):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("会议"), on_delete=models.CASCADE, related_name="attachments"
    )

    class Meta(Attachment.Meta):
        verbose_name = _("会议附件")
        verbose_name_plural = pgettext_lazy("plural", "会议附件")
