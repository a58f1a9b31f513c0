"""The public pages: subscribe (no account), confirm (by a button), manage and one-click
unsubscribe.

The subscribe form answers the same page whatever the address's state, so it cannot be used to
learn who subscribes. The other pages are reached by signed links from the mails only.
"""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import get_usage

from common.throttling import client_key

from . import links, services
from .forms import PreferencesForm, SubscribeForm
from .models import canonical_filter

REFUSED = _("请求过于频繁，请稍后再试。您填写的内容已保留。")


def _limited(request, email):
    """Whether this client, or this address from anyone, asked too often (both counted)."""
    limited = False
    for group, rate, key in (
        ("subscribe-client", settings.SUBSCRIBE_RATE_PER_CLIENT, client_key),
        ("subscribe-address", settings.SUBSCRIBE_RATE_PER_ADDRESS, lambda g, r: email),
    ):
        if rate:
            usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
            limited |= bool(usage and usage["should_limit"])
    return limited


@never_cache
def subscribe(request):
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            email = data["email"].strip().lower()
            if _limited(request, email):
                form.add_error(None, REFUSED)
                return render(request, "subscriptions/subscribe.html", {"form": form}, status=429)
            services.subscribe(
                email,
                data["language"],
                data["wants_issues"],
                data["reminder_days"],
                filter_query=data["filter"] if data["wants_comment_requests"] else None,
            )
            return redirect("subscriptions:sent")
    else:
        query = canonical_filter(request.GET.get("filter", ""))
        form = SubscribeForm(
            initial={
                "email": request.GET.get("email", "")[:254],
                "language": "en" if get_language() == "en" else "zh-hans",
                "filter": query,
                "wants_comment_requests": bool(query),
                "wants_issues": not query,
            }
        )
    filter_query = form["filter"].value() or ""
    context = {"form": form, "filter_query": filter_query, "filter_url": _list_url(filter_query)}
    return render(request, "subscriptions/subscribe.html", context)


def _list_url(query):
    url = reverse("standards:commentrequest-list")
    return f"{url}?{query}" if query else ""


@never_cache
def sent(request):
    return render(request, "subscriptions/sent.html")


# Opening the link only shows the button that confirms: mail scanners (Safe Links, corporate
# gateways) open every link of a mail, and would confirm subscriptions nobody asked for.
@never_cache
def confirm(request, signed):
    subscriber = links.confirming(signed)
    if subscriber is None:
        return render(request, "subscriptions/invalid_link.html", status=404)
    if request.method == "POST":
        services.confirm(subscriber)
        return redirect(_path(links.manage_url(subscriber)) + "?confirmed=1")
    return render(request, "subscriptions/confirm.html", {"subscriber": subscriber})


def _path(url):
    return url.removeprefix(settings.SITE_URL)


@never_cache
def manage(request, signed):
    subscriber = links.managing(signed)
    if subscriber is None:
        return render(request, "subscriptions/invalid_link.html", status=404)
    form = PreferencesForm(instance=subscriber)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            services.forget(subscriber)
            return render(request, "subscriptions/deleted.html")
        if action == "unsubscribe":
            services.unsubscribe(subscriber)
            return render(request, "subscriptions/unsubscribed.html", {"subscriber": subscriber})
        form = PreferencesForm(request.POST, instance=subscriber)
        if form.is_valid():
            form.save()
            services.confirm(subscriber)  # choosing again is subscribing again
            return redirect(request.path + "?saved=1")
    context = {
        "form": form,
        "subscriber": subscriber,
        "confirmed": "confirmed" in request.GET,
        "saved": "saved" in request.GET,
    }
    return render(request, "subscriptions/manage.html", context)


# A mail program's one-click unsubscribe (RFC 8058) posts here without a page or cookie, so this
# view alone takes a POST without a CSRF token: the signed token in the address is the proof.
@csrf_exempt
@never_cache
def unsubscribe(request, signed):
    subscriber = links.managing(signed)
    if subscriber is None:
        return render(request, "subscriptions/invalid_link.html", status=404)
    if request.method == "POST":
        services.unsubscribe(subscriber)
        return render(request, "subscriptions/unsubscribed.html", {"subscriber": subscriber})
    return render(request, "subscriptions/unsubscribe.html", {"subscriber": subscriber})
