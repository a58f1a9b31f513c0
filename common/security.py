"""Who is asking: the client's address as seen through the site's own proxies."""

import ipaddress
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _networks(proxies):
    try:
        return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies)
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from None


def from_trusted_proxy(address):
    """Whether `address` (REMOTE_ADDR) is one of TRUSTED_PROXIES' addresses or networks."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The address of the client, for django-axes' lockouts and the rate limits.

    Behind `TRUSTED_PROXY_COUNT` proxies, each appends the address it received the request from
    to X-Forwarded-For, so the client is that many entries from the end; entries further left
    were written by the client and can be forged. The header is read only when the request
    comes from one of TRUSTED_PROXIES: a client that reaches gunicorn directly writes the whole
    header itself, and would get a new address with every guess.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count and from_trusted_proxy(remote):
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return remote
