from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("邮件订阅")

    def ready(self):
        # The bulletin announces a publishing; it may not import this app (a floor below it).
        from bulletin.signals import revision_published

        revision_published.connect(mail_published_revision, dispatch_uid="subscriptions-mail")


def mail_published_revision(sender, revision, **kwargs):
    from .services import queue_issue_mailing

    queue_issue_mailing(revision)
