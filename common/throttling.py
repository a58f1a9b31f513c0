"""How many searches and downloads one client may ask for: django-ratelimit's counters.

Counted per client address (common.security.client_ip, so through trusted proxies only) in the
default cache, which is shared by every process when it is Redis. A client over the rate gets
429 with Retry-After: the rest of the rate's window.
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from .security import client_ip

MESSAGES = {
    "search": _("您的搜索过于频繁。为保证网站对所有人可用，请稍后再搜索。"),
    "download": _("您的下载过于频繁。为保证网站对所有人可用，请稍后再下载。"),
}


def client_key(group, request):
    return client_ip(request)


def rate_limited(request, kind):
    """A 429 response if this client has gone over its rate of `kind` ("search", "download"),
    counting this request; None otherwise."""
    rate = {"search": settings.PUBLIC_SEARCH_RATE, "download": settings.PUBLIC_DOWNLOAD_RATE}[kind]
    if not rate:
        return None
    usage = get_usage(request, group=f"public-{kind}", key=client_key, rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    retry_after = max(1, usage["time_left"])
    return refused(request, 429, _("请求过于频繁"), MESSAGES[kind], retry_after)


def refused(request, status, title, message, retry_after, say_when=True):
    """The page of a request refused for the site's sake (429, 503), never cached."""
    context = {"title": title, "message": message, "retry_after": retry_after if say_when else 0}
    response = render(request, "refused.html", context, status=status)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response
