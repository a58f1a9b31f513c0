"""Every page of the site announces the feeds in its head and links the calendars."""

from django.urls import reverse


def test_every_page_announces_the_feeds_in_its_head(client, public_demo):
    head = client.get(reverse("website:home")).content.decode().split("</head>")[0]

    assert '<link rel="alternate" type="application/rss+xml"' in head
    assert 'href="/feeds/issues.atom"' in head
    assert 'href="/feeds/comment-requests.rss"' in head


def test_the_footer_links_the_calendars(client, public_demo):
    footer = client.get(reverse("website:home")).content.decode().split("<footer")[1]

    assert 'href="/calendar/meetings.ics"' in footer
    assert 'href="/calendar/comment-deadlines.ics"' in footer
    assert "征求意见截止日历（iCal）" in footer
