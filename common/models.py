"""Abstract models that several apps share."""

import datetime
import functools
import logging

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _

from common.dates import format_day_range
from common.uploads import DocumentField, RandomPath

logger = logging.getLogger(__name__)


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        abstract = True


class StaleRecordError(Exception):
    """Someone else saved the record since this copy of it was loaded."""

    def __init__(self, record):
        self.record = record
        super().__init__(f"{type(record).__name__} {record.pk} was saved by someone else first")


class VersionField(models.PositiveIntegerField):
    """The lock counter: a hidden input in every form, so it goes back with the edit it guards.

    Hidden whatever widget the caller asks for: the admin asks for its number input for every
    integer field, which showed editors a 版本 box they could change.
    """

    def formfield(self, **kwargs):
        return super().formfield(**{**kwargs, "widget": VersionInput})


class VersionInput(forms.HiddenInput):
    """The version's hidden input, which no label names: the admin writes a label for every
    field of a fieldset, hidden ones too, and a label must name a visible control."""

    def id_for_label(self, id_):
        return None


class VersionedModel(models.Model):
    """A record several people edit: a save from a copy older than the stored one is refused.

    Optimistic locking: each save raises the version by one, on the condition that the stored
    version is still the one this copy was loaded with, so two editors who opened the same page
    cannot overwrite each other; the admin turns the refusal into a message
    (common.admin.VersionedAdminMixin) naming who saved last, read from the record's history.
    Bulk updates that change what editors edit bump it too, and write a history entry with who
    did it, so that the message names them.
    """

    version = VersionField(_("版本"), default=1)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or kwargs.get("force_insert"):
            return super().save(*args, **kwargs)
        manager = type(self)._base_manager
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self))):
            bumped = manager.filter(pk=self.pk, version=self.version).update(
                version=F("version") + 1
            )
            if not bumped:
                raise StaleRecordError(self)
            self.version += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            super().save(*args, **kwargs)


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """What anonymous visitors may see."""
        return self.filter(is_public=True)


@functools.cache
def choice_labels(field):
    """{value: label} of a model field's choices; the labels stay lazy (the page's language)."""
    return dict(field.flatchoices)


class PublishableModel(models.Model):
    """A record that stays internal until an editor makes it public or an issue containing it
    is published."""

    is_public = models.BooleanField(
        _("公开"),
        default=False,
        db_index=True,
        help_text=_("公开后访客可在网站上看到；收录它的月报发布时自动公开。"),
    )

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def _get_FIELD_display(self, field):
        # Django rebuilds the field's dict of choices on every call; a public list of 50 rows
        # asks for a few hundred labels.
        value = getattr(self, field.attname)
        try:
            label = choice_labels(field).get(value, value)
        except TypeError:  # an unhashable value, which only Django's own lookup handles
            return super()._get_FIELD_display(field)
        return force_str(label, strings_only=True)

    def visible_to(self, user):
        """Public records to everyone; internal ones to staff who may view them."""
        opts = self._meta
        return self.is_public or user.has_perm(f"{opts.app_label}.view_{opts.model_name}")

    def make_public(self):
        if not self.is_public:
            self.is_public = True
            self.save()

    def make_internal(self):
        if self.is_public:
            self.is_public = False
            self.save()


class BackgroundJobQuerySet(models.QuerySet):
    def stale(self):
        """Jobs marked running whose worker stopped beating: it was killed or lost its database.

        A running job beats every few seconds (BackgroundJob.beat); one silent for
        JOB_HEARTBEAT_TIMEOUT_SECONDS is dead, whatever it was doing.
        """
        cutoff = timezone.now() - datetime.timedelta(seconds=settings.JOB_HEARTBEAT_TIMEOUT_SECONDS)
        return self.filter(status=BackgroundJob.RUNNING).filter(
            Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
        )

    def fail_stale(self, error):
        """Mark the stale jobs failed with `error`; returns how many there were."""
        return self.stale().update(
            status=BackgroundJob.FAILED, error=force_str(error), finished_at=timezone.now()
        )


class BackgroundJob(models.Model):
    """Work queued as a Django task and followed in the admin: who asked, its task, when it ran.

    Subclasses name their own statuses (a render is 生成中, an import 导入中) with the values
    below and list the unfinished ones in ACTIVE.
    """

    QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"
    ACTIVE = []

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    task_id = models.CharField(_("任务编号"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近心跳"), null=True, blank=True, editable=False)
    error = models.TextField(_("错误"), blank=True)

    objects = BackgroundJobQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @property
    def is_active(self):
        return self.status in self.ACTIVE

    def enqueue(self, task, *args):
        """Queue `task(self.pk, *args)` once the transaction that made this job commits.

        A worker of a task backend other than the database could otherwise start before the
        job's row is visible, and a rolled-back job would still be queued. If the backend
        refuses the task, the job is failed with the reason rather than left queued forever.
        """
        alias = router.db_for_write(type(self))
        transaction.on_commit(functools.partial(self._send, task, args), using=alias)

    def _send(self, task, args):
        manager = type(self)._base_manager.filter(pk=self.pk)
        try:
            result = task.enqueue(self.pk, *args)
        except Exception as error:
            logger.exception("Job %s of %s not queued", self.pk, type(self).__name__)
            self.fail(_("无法排入后台任务队列：%(error)s") % {"error": error}, only_queued=True)
            return
        manager.filter(task_id="").update(task_id=str(result.id))
        self.refresh_from_db()  # what an immediate backend did is on the caller's copy too

    def start(self):
        """Mark the job running if it is still queued; False if it was started, failed as stale
        or run before, so that a task delivered twice does its work once."""
        now = timezone.now()
        started = (
            type(self)
            ._base_manager.filter(pk=self.pk, status=self.QUEUED)
            .update(status=self.RUNNING, started_at=now, heartbeat_at=now)
        )
        if started:
            self.status, self.started_at, self.heartbeat_at = self.RUNNING, now, now
        return bool(started)

    def finish(self, **fields):
        """Mark the job succeeded, storing `fields` (its results) with it."""
        self._end(self.SUCCEEDED, "", **fields)

    def fail(self, error, only_queued=False, **fields):
        """Mark the job failed with `error`, a message for the user (or a bug's repr())."""
        self._end(self.FAILED, force_str(error), only_queued=only_queued, **fields)

    def _end(self, status, error, only_queued=False, **fields):
        manager = type(self)._base_manager.filter(pk=self.pk)
        if only_queued:
            manager = manager.filter(status=self.QUEUED)
        now = timezone.now()
        if manager.update(status=status, error=error, finished_at=now, **fields):
            self.status, self.error, self.finished_at = status, error, now

    def run(self, work, explained=()):
        """Do `work()` as this job: running, then succeeded with the fields `work` returns, or
        failed. A failure of an `explained` kind (its message written for the user) is stored
        as its message and gives None; any other is stored as its repr() and raised. A job that
        is not queued any more is not run again (None)."""
        if not self.start():
            return None
        try:
            fields = work()
        except explained as failure:
            self.fail(str(failure))
            return None
        except Exception as error:
            self.fail(repr(error))
            raise
        self.finish(**fields)
        return fields

    def beat(self):
        """Say the job's worker is alive; called when it starts and every few seconds after."""
        self.heartbeat_at = timezone.now()
        type(self)._base_manager.filter(pk=self.pk).update(heartbeat_at=self.heartbeat_at)


class Attachment(models.Model):
    """A file or a link shown under a record (附件); subclasses add the record's foreign key."""

    title = models.CharField(_("标题"), max_length=300)
    file = DocumentField(_("文件"), upload_to=RandomPath("attachments"), blank=True)
    url = models.URLField(_("链接"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


ONE_DAY_HELP = _("只有一天时留空，即与开始日期相同。")


class DateRangeModel(models.Model):
    """Something that runs from a start date to an end date, never ending before it starts.

    An end left empty is the start: a one-day meeting is entered with its day alone. It is
    filled in by clean() (forms, imports) and by save(), so the column itself is never empty.
    """

    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"), blank=True, help_text=ONE_DAY_HELP)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    def save(self, *args, **kwargs):
        self.end_on_start_day()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self.end_on_start_day()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})

    @property
    def dates_display(self):
        return format_day_range(self.start_date, self.end_date)

    def end_on_start_day(self):
        """A range without an end lasts its start day."""
        if self.end_date is None and self.start_date is not None:
            self.end_date = self.start_date
