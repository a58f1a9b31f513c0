"""What the feeds and calendars share: identifiers that stay the same wherever they are read.

A feed reader keeps an entry by its id and a calendar application an event by its UID; if either
changed, subscribers would see every item twice. Django builds them from the request's Host
(and an entry's id from its date too), which differs between the addresses the site is reached
at. Here they are built on the host of SITE_URL, the site's configured address, which the PDFs'
links use as well.
"""

from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.translation import get_language

# The day in the tag URIs (RFC 4151) of the feeds themselves: any day the site held its domain.
FEEDS_SINCE = date(2022, 7, 1)


def site_host():
    """The host of SITE_URL, without the port, which may differ behind a proxy."""
    return urlsplit(settings.SITE_URL).hostname


def tag_uri(day, specific):
    """A permanent identifier on the site's domain: `tag:host,day:specific`."""
    return f"tag:{site_host()},{day:%Y-%m-%d}:{specific}"


class SiteFeed(Feed):
    """A feed whose own id, and its entries' ids (`item_key`), are tag URIs on the site's domain.

    Subclasses give `key`, which names the feed, and `item_key(item)`, which names an entry for
    good and returns (day, name): a day on which the item existed and a name unique in the site.
    """

    key = ""
    item_guid_is_permalink = False

    def feed_guid(self):
        # The Chinese and English feeds are two feeds, each of its own language.
        return tag_uri(FEEDS_SINCE, f"feeds/{self.key}/{get_language()}")

    def item_guid(self, item):
        return tag_uri(*self.item_key(item))

    def item_key(self, item):
        raise NotImplementedError
