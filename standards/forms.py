"""The admin's forms of a comment request and a review, entered from the notice in one page.

The standard is chosen by the autocomplete, found by the plan number or title typed under it,
or else created from them when the record is saved: no popup, no level chosen twice.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from common.admin import AutocompleteSelect
from common.forms import PeriodField, PeriodForm

from . import plan_numbers, services
from .models import Committee, Standard

# The new standard's fields of the form, by the standard's own.
NEW_STANDARD_FIELDS = {
    "plan_number": "new_plan_number",
    "title": "new_title",
    "level": "new_level",
    "work_type": "new_work_type",
    "committee": "new_committee",
}


def _same_title(first, second):
    return "".join(first.split()) == "".join(second.split())


class StandardEntryForm(forms.ModelForm):
    """A record's standard: chosen, found by what is typed, or new.

    The new standard is built and checked with the rest of the form; the admin saves it with
    the record (services.save_with_standard), so a refused form creates nothing.
    """

    new_plan_number = forms.CharField(
        label=_("计划号"),
        max_length=32,
        required=False,
        validators=[plan_numbers.validate_plan_number],
        help_text=_("已有该计划号的标准即用它，否则新建。"),
    )
    new_title = forms.CharField(
        label=_("标准名称"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"class": "vTextField"}),
    )
    new_level = forms.ChoiceField(
        label=_("标准层级"),
        choices=[("", "---------"), *Standard.Level.choices],
        required=False,
        help_text=_("有计划号时按计划号确定，不必选择。"),
    )
    new_work_type = forms.ChoiceField(
        label=_("制修订"),
        choices=Standard.WorkType.choices,
        initial=Standard.WorkType.NEW,
        required=False,
    )
    new_committee = forms.ModelChoiceField(
        Committee.objects.all(),
        label=_("归口委员会"),
        required=False,
        widget=AutocompleteSelect(Standard._meta.get_field("committee"), admin.site),
    )

    # The stage a standard is in when it is first entered with such a record.
    new_stage = Standard.Stage.PRELIMINARY
    # Set by the admin from the user's permissions.
    may_add_standard = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.new_standard = None  # built by clean(), saved by the admin
        self.found_standard = None  # found by the typed plan number or title
        if "standard" in self.fields:
            self.fields["standard"].required = False
            self.fields["standard"].help_text = _(
                "输入计划号或名称查找已有标准；找不到的，在下面填写计划号和名称，保存时一并新建。"
            )

    def clean(self):
        cleaned_data = super().clean()
        if {"standard", "new_plan_number", "new_title"} & set(self.errors):
            return cleaned_data
        plan_number = cleaned_data.get("new_plan_number", "").strip()
        title = cleaned_data.get("new_title", "").strip()
        chosen = cleaned_data.get("standard")
        if chosen is not None:
            if (plan_number and plan_number != chosen.plan_number) or (
                title and not _same_title(title, chosen.title)
            ):
                self.add_error(
                    "new_plan_number" if plan_number else "new_title",
                    _("已选择标准“%(standard)s”：要新建标准，请先清除所选的标准。")
                    % {"standard": chosen},
                )
        elif not plan_number and not title:
            self.add_error("standard", _("请选择已有的标准，或在下面填写新标准的计划号和名称。"))
        elif found := services.find_standard(plan_number, title):
            self._use_found(found, plan_number, title, cleaned_data)
        else:
            self._build_new(plan_number, title, cleaned_data)
        return cleaned_data

    def new_standard_defaults(self, cleaned_data):
        """What a new standard takes from the record (its committee, whether it is public)."""
        return {}

    def _use_found(self, found, plan_number, title, cleaned_data):
        if plan_number and title and not _same_title(title, found.title):
            self.add_error(
                "new_plan_number",
                _("计划号 %(plan_number)s 已属于标准“%(title)s”：请核对计划号，或清空标准名称。")
                % {"plan_number": plan_number, "title": found.title},
            )
            return
        cleaned_data["standard"] = self.found_standard = found

    def _build_new(self, plan_number, title, cleaned_data):
        if not self.may_add_standard:
            self.add_error("new_title", _("您没有新建标准的权限：请选择已有的标准。"))
            return
        if not title:
            self.add_error(
                "new_title",
                _("没有计划号为 %(plan_number)s 的标准：要新建它，请填写标准名称。")
                % {"plan_number": plan_number},
            )
            return
        defaults = self.new_standard_defaults(cleaned_data)
        if cleaned_data.get("new_committee"):
            defaults["committee"] = cleaned_data["new_committee"]
        standard = services.new_standard(
            plan_number=plan_number,
            title=title,
            level=cleaned_data.get("new_level", ""),
            stage=self.new_stage,
            work_type=cleaned_data.get("new_work_type") or Standard.WorkType.NEW,
            **defaults,
        )
        if not standard.level:
            self.add_error("new_level", _("没有计划号时，请选择新标准的层级。"))
            return
        try:
            standard.full_clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(NEW_STANDARD_FIELDS.get(field), messages)
            return
        self.new_standard = standard


class CommentRequestForm(StandardEntryForm, PeriodForm):
    new_stage = Standard.Stage.COMMENT
    period = PeriodField(
        label=_("意见征求期"), help_text=_("如 2022.06.17-2022.08.17，照录通知中的起止日期。")
    )

    def new_standard_defaults(self, cleaned_data):
        """The proposer, when it is a committee, is the new standard's; public with the request."""
        proposer = cleaned_data.get("proposer")
        return {
            "committee": proposer if proposer and proposer.is_committee else None,
            "is_public": bool(cleaned_data.get("is_public")),
        }


class ReviewForm(StandardEntryForm, PeriodForm):
    new_stage = Standard.Stage.REVIEW
    period = PeriodField(
        label=_("审查时间"), help_text=_("如 6月28-30日（当年）或 2022.06.28-2022.06.30。")
    )
