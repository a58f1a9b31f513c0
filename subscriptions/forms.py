from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FilterSubscription, Subscriber


class ChoicesMixin:
    def clean(self):
        data = super().clean()
        wanted = (
            data.get("wants_issues")
            or data.get("reminder_days")
            or data.get("wants_comment_requests")
            or data.get("keep_filters")
        )
        if not wanted and not self.errors:
            raise forms.ValidationError(_("请至少选择一项要接收的邮件。"), code="nothing")
        return data


class SubscribeForm(ChoicesMixin, forms.Form):
    email = forms.EmailField(label=_("邮箱地址"), max_length=254)
    language = forms.ChoiceField(label=_("邮件语言"), choices=Subscriber.Language.choices)
    wants_issues = forms.BooleanField(label=_("每期月报发布时"), required=False, initial=True)
    wants_comment_requests = forms.BooleanField(label=_("新的征求意见（每日摘要）"), required=False)
    reminder_days = forms.TypedChoiceField(
        label=_("征求意见截止提醒"), choices=Subscriber.Reminder.choices, coerce=int, initial=0
    )
    # The comment-request list's filter, when the form was opened from the list.
    filter = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class FiltersField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.describe()


class PreferencesForm(ChoicesMixin, forms.ModelForm):
    keep_filters = FiltersField(
        label=_("征求意见筛选订阅（取消勾选即退订该筛选）"),
        queryset=FilterSubscription.objects.none(),
        required=False,
    )

    class Meta:
        model = Subscriber
        fields = ["language", "wants_issues", "reminder_days"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        filters = self.instance.filters.all()
        self.fields["keep_filters"].queryset = filters
        self.fields["keep_filters"].initial = list(filters)
        if not filters:
            del self.fields["keep_filters"]

    def save(self, commit=True):
        subscriber = super().save(commit)
        if "keep_filters" in self.fields:
            kept = self.cleaned_data["keep_filters"]
            subscriber.filters.exclude(pk__in=[item.pk for item in kept]).delete()
        return subscriber
