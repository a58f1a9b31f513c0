from urllib.parse import parse_qs

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import widgets
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils.formats import localize
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _

from .forms import NoticeDateField
from .models import StaleRecordError


class AdminDateWidget(widgets.AdminDateWidget):
    """The admin's date box and calendar, described by the field's own help text and errors:
    Django's names instead a time-zone warning that its script writes beside time inputs only,
    an id no page has."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        described = self.build_attrs(self.attrs, attrs).get("aria-describedby")
        context["widget"]["attrs"].pop("aria-describedby", None)
        if described:
            context["widget"]["attrs"]["aria-describedby"] = described
        return context


class NoticeDateAdminMixin:
    """Date fields that take a day as the notices write it (common.forms.NoticeDateField),
    with the admin's calendar beside them. Every admin and inline with a date field has it
    (tests/common/test_admin_dates.py holds them to it)."""

    formfield_overrides = {
        models.DateField: {"form_class": NoticeDateField, "widget": AdminDateWidget}
    }


class TabularBoundField(forms.BoundField):
    """A field of a tabular inline's row: its help text is in its column's heading, not under
    the input, so the input names no help text element (there is none)."""

    @property
    def aria_describedby(self):
        described = (super().aria_describedby or "").split()
        return " ".join(ref for ref in described if not ref.endswith("_helptext")) or None


class _CellsNamedFormSet:
    """Each input of a table row named by its column: Django's tabular inline writes the field's
    label in the table's heading only, so an input, the row's delete box among them, has no
    <label> of its own. The empty row new rows are copied from is named too."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, field in form.fields.items():
            widget = field.widget
            # A hidden input is named by nothing; ChosenRecord (bulletin) shows itself as text.
            if not widget.is_hidden and getattr(widget, "input_type", None) != "hidden":
                widget.attrs.setdefault("aria-label", form[name].label)


class TabularInline(admin.TabularInline):
    """A table of related records whose inputs screen readers can name (axe's `label` rule) and
    whose rows' fields are TabularBoundFields."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.bound_field_class = TabularBoundField  # a class made for this formset
        return type(formset.__name__, (_CellsNamedFormSet, formset), {})


class AutocompleteSelect(widgets.AutocompleteSelect):
    """The admin's autocomplete with its empty choice named, as the admin's other selects name
    theirs ("---------"): an option with no text is invalid HTML, and a required select's first
    option must be that empty one. The autocomplete shows its placeholder for it as before."""

    def optgroups(self, name, value, attr=None):
        groups = super().optgroups(name, value, attr)
        if self.allow_multiple_selected:
            return groups
        options = groups[0][1]
        label = BLANK_CHOICE_DASH[0][1]
        if options and options[0]["value"] == "":
            options[0]["label"] = label
        else:
            options.insert(0, self.create_option(name, "", label, False, 0))
        return groups


class AutocompleteAdminMixin:
    """An admin (or inline) whose autocomplete fields use the AutocompleteSelect above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class AttachmentInline(TabularInline):
    """The attachments (附件) of a record, as common.models.Attachment holds them."""

    extra = 0
    fields = ["title", "file", "url", "order"]


class TextValuesListFilter(admin.AllValuesFieldListFilter):
    """The values of a text field to filter the list by, the empty one as 未填写: Django links it
    with no text at all, a link no one can read or name."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            query = parse_qs(choice["query_string"].lstrip("?"), keep_blank_values=True)
            if query.get(self.lookup_kwarg) == [""]:
                # With the list's facets on, the display is the value and its count: " (3)".
                choice = {**choice, "display": f"{_('未填写')}{choice['display']}"}
            yield choice


class PublicationAdminMixin:
    """Making records public or internal from the list, one by one so the history keeps it."""

    actions = ["make_public", "make_internal"]

    def view_on_site(self, record):
        """ "在站点上查看" only where visitors can see the record; elsewhere it would be a 404."""
        if type(record).objects.published().filter(pk=record.pk).exists():
            return record.get_absolute_url()
        return None

    @admin.action(description=_("公开所选记录"), permissions=["change"])
    def make_public(self, request, queryset):
        for record in queryset:
            record.make_public()
        self._report(request, queryset, _("已公开 %(count)d 条记录。"))

    @admin.action(description=_("将所选记录设为内部"), permissions=["change"])
    def make_internal(self, request, queryset):
        for record in queryset:
            record.make_internal()
        self._report(request, queryset, _("已将 %(count)d 条记录设为内部。"))

    def _report(self, request, queryset, message):
        self.message_user(request, message % {"count": queryset.count()}, messages.SUCCESS)


# Optimistic locking ---------------------------------------------------------------------------


def stale_message(record):
    """Who saved the record last and when, for the editor whose save was refused."""
    fresh = type(record)._base_manager.get(pk=record.pk)
    history = getattr(fresh, "history", None)
    last = history.order_by("-history_date", "-history_id").first() if history is not None else None
    who = last.history_user if last and last.history_user else _("他人")
    when = localize(localtime(last.history_date)) if last else ""
    return _(
        "%(kind)s“%(record)s”已于 %(when)s 被 %(who)s 修改，您的修改没有保存，以免覆盖对方的"
        "内容。请重新打开本页，在最新内容上再做修改。"
    ) % {"kind": type(record)._meta.verbose_name, "record": fresh, "when": when, "who": who}


class StaleCheckFormMixin:
    """Refuse the form of a record saved by someone else since the page was opened."""

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk and "version" in self.fields:
            stored = (
                type(self.instance)
                ._base_manager.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored is not None and stored != cleaned_data.get("version"):
                raise forms.ValidationError(stale_message(self.instance), code="stale")
        return cleaned_data


class VersionedAdminMixin:
    """The change page of a VersionedModel: its version goes out hidden and comes back checked.

    The form check gives the message; the model's save still refuses a save that slips in
    between the check and the write, here turned into a refusal with the same message.
    """

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != "version"]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets  # nothing is saved over another copy on these pages
        name, options = fieldsets[0]
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *fieldsets[1:]]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (StaleCheckFormMixin, form), {})

    def save_model(self, request, obj, form, change):
        try:
            super().save_model(request, obj, form, change)
        except StaleRecordError:
            raise PermissionDenied(stale_message(obj)) from None

    def save_formset(self, request, form, formset, change):
        try:
            super().save_formset(request, form, formset, change)
        except StaleRecordError as stale:
            raise PermissionDenied(stale_message(stale.record)) from None
