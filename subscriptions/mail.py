"""The mails: each rendered once per language, the reader's own links put in per recipient.

Every mail names the reader's manage page and carries List-Unsubscribe with
List-Unsubscribe-Post (RFC 8058), so a mail program can unsubscribe with one click.
"""

import email.policy
from dataclasses import dataclass
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.utils import DNS_NAME
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from bulletin.rendering.context import document_context

from .links import absolute, confirm_url, manage_url, unsubscribe_url

# Stand-ins for the reader's own links in a mail rendered once for everyone.
MANAGE = "https://subscriber.invalid/manage/"
UNSUBSCRIBE = "https://subscriber.invalid/unsubscribe/"


@dataclass
class Letter:
    subject: str
    text: str
    html: str = ""


def render_letter(name, subject, context, language):
    with translation.override(language):
        context = {
            "site_url": settings.SITE_URL,
            "home_url": absolute(reverse("website:home")),
            "manage_url": MANAGE,
            "unsubscribe_url": UNSUBSCRIBE,
            "LANGUAGE_CODE": language,
            **context,
        }
        return Letter(
            str(subject),
            render_to_string(f"subscriptions/mail/{name}.txt", context),
            render_to_string(f"subscriptions/mail/{name}.html", context),
        )


def message(subscriber, letter):
    """The letter addressed to `subscriber`, with their own manage and unsubscribe links."""
    return _email(letter, subscriber.email, manage_url(subscriber), unsubscribe_url(subscriber))


def _email(letter, address, manage, unsubscribe, headers=()):
    def personal(text):
        return text.replace(MANAGE, manage).replace(UNSUBSCRIBE, unsubscribe)

    mail = EmailMultiAlternatives(
        letter.subject,
        personal(letter.text),
        settings.DEFAULT_FROM_EMAIL,
        [address],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            **dict(headers),
        },
    )
    if letter.html:
        mail.attach_alternative(personal(letter.html), "text/html")
    return mail


# Lines up to RFC 5321's 998 octets: a body in such lines is sent as it is (8BITMIME), so the
# readers' links can be put into the serialized bytes of a letter made once for all of them.
WIDE_LINES = email.policy.SMTP.clone(max_line_length=998)
STAND_IN_ADDRESS = "reader@subscriber.invalid"
STAND_IN_ID = "<stand-in@subscriber.invalid>"


def serialized(letter):
    """The letter as bytes with stand-ins for the reader's address, links and Message-ID; None
    if a stand-in did not survive unchanged (a body that had to be encoded)."""
    mail = _email(letter, STAND_IN_ADDRESS, MANAGE, UNSUBSCRIBE, {"Message-ID": STAND_IN_ID})
    data = mail.message(policy=WIDE_LINES).as_bytes()
    expected = {
        MANAGE: letter.text.count(MANAGE) + letter.html.count(MANAGE),
        UNSUBSCRIBE: letter.text.count(UNSUBSCRIBE) + letter.html.count(UNSUBSCRIBE) + 1,
        STAND_IN_ADDRESS: 1,
        STAND_IN_ID: 1,
    }
    if any(data.count(text.encode()) != count for text, count in expected.items()):
        return None
    return data


@dataclass
class Outgoing:
    """One reader's message: the bytes of a letter serialized once with the reader's links put
    in when that is possible (8BITMIME), else Django's EmailMessage made for them alone."""

    subscriber: object
    letter: Letter
    template: bytes | None = None

    def email_message(self):
        return message(self.subscriber, self.letter)

    def as_bytes(self, eight_bit=True):
        address = self.subscriber.email
        if self.template is None or not eight_bit or not address.isascii():
            return self.email_message().message(policy=email.policy.SMTP).as_bytes()
        return (
            self.template.replace(MANAGE.encode(), manage_url(self.subscriber).encode())
            .replace(UNSUBSCRIBE.encode(), unsubscribe_url(self.subscriber).encode())
            .replace(STAND_IN_ADDRESS.encode(), address.encode())
            .replace(STAND_IN_ID.encode(), make_msgid(domain=DNS_NAME).encode())
        )


def issue_letter(revision, language, *, test_copy=False):
    """An issue's mail, from its own content: highlights, tables and titles, linked on the site."""
    issue = revision.issue
    with translation.override(language):
        context = document_context(issue, revision=revision)
        subject = _("汽车标准月报 · %(title)s") % {"title": issue.title}
        if test_copy:
            subject = _("【测试】%(subject)s") % {"subject": subject}
        context.update(
            subject=subject,
            issue_url=absolute(issue.get_absolute_url()),
            pdf_url=absolute(revision.get_pdf_url()) if revision.pk else "",
        )
        return render_letter("issue", subject, context, language)


def correction_letter(revision, language):
    issue = revision.issue
    with translation.override(language):
        subject = _("更正：汽车标准月报 · %(title)s") % {"title": issue.title}
        context = {
            "subject": subject,
            "issue": issue,
            "revision": revision,
            "issue_url": absolute(revision.get_absolute_url()),
            "pdf_url": absolute(revision.get_pdf_url()),
        }
        return render_letter("correction", subject, context, language)


def comment_requests_letter(name, comment_requests, language, days=None):
    """A digest of new comment requests ("digest") or those closing soon ("reminder")."""
    with translation.override(language):
        if name == "digest":
            subject = _("新的标准征求意见（%(count)d 项）") % {"count": len(comment_requests)}
        else:
            subject = _("征求意见即将截止（%(count)d 项）") % {"count": len(comment_requests)}
        rows = [(request, absolute(request.get_absolute_url())) for request in comment_requests]
        context = {"subject": subject, "rows": rows, "days": days}
        return render_letter(name, subject, context, language)


def account_letter(subscriber, confirmed):
    """The answer to the subscribe form: a confirmation link, or (already confirmed) the manage
    link; the form itself says the same in both cases."""
    language = subscriber.language
    with translation.override(language):
        if confirmed:
            subject = _("管理您的汽车标准月报订阅")
            context = {"subject": subject}
            return render_letter("manage", subject, context, language)
        subject = _("请确认订阅汽车标准月报")
        context = {"subject": subject, "confirm_url": confirm_url(subscriber), "days": 7}
        return render_letter("confirm", subject, context, language)
