"""The signed links of the mails: confirm (expires), manage and unsubscribe (last as long as the
subscriber's token). Each names the token signed with SECRET_KEY, so nobody can make one up."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import translation

from .models import Subscriber

CONFIRM_MAX_AGE = 7 * 24 * 3600
_confirm = signing.TimestampSigner(salt="subscriptions.confirm")
_manage = signing.Signer(salt="subscriptions.manage")


def absolute(path):
    return f"{settings.SITE_URL}{path}"


def _url(subscriber, name, signed):
    # The links open the site in the language the reader chose.
    with translation.override(subscriber.language):
        return absolute(reverse(f"subscriptions:{name}", args=[signed]))


def confirm_url(subscriber):
    return _url(subscriber, "confirm", _confirm.sign(subscriber.token))


def manage_url(subscriber):
    return _url(subscriber, "manage", _manage.sign(subscriber.token))


def unsubscribe_url(subscriber):
    return _url(subscriber, "unsubscribe", _manage.sign(subscriber.token))


def confirming(signed):
    """The subscriber a confirmation link names, None if forged, changed or expired."""
    try:
        token = _confirm.unsign(signed, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(token=token).first()


def managing(signed):
    try:
        token = _manage.unsign(signed)
    except signing.BadSignature:
        return None
    return Subscriber.objects.filter(token=token).first()
