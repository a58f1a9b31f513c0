"""What feed readers need of a feed, checked the way they read it (the W3C feed validator is not
on the registries): feedparser must read it without complaint, and every element RFC 4287 (Atom)
and RSS 2.0 require must be there, with dates that parse and that are not in the future.

`feed_problems(response)` returns the problems found, one line each; a valid feed has none.
"""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import feedparser

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_problems(response, now=None):
    """The problems of a feed response: feedparser's, then those of its format's rules."""
    now = now or datetime.datetime.now(tz=datetime.UTC)
    parsed = feedparser.parse(
        response.content, response_headers={"content-type": response["Content-Type"]}
    )
    problems = [f"feedparser: {parsed.bozo_exception}"] if parsed.bozo else []
    root = ET.fromstring(response.content)
    if root.tag == f"{ATOM}feed":
        problems += atom_problems(root, now)
        expected_version = "atom10"
    else:
        problems += rss_problems(root, now)
        expected_version = "rss20"
    if parsed.version != expected_version:
        problems.append(f"feedparser reads it as {parsed.version!r}, not {expected_version}")
    if len(parsed.entries) != len(root.findall(f"{ATOM}entry") or root.findall("channel/item")):
        problems.append("feedparser reads another number of entries")
    return problems


def atom_problems(feed, now):
    """RFC 4287, 4.1.1 and 4.1.2: what a feed and each of its entries must contain."""
    problems = _exactly_one(feed, "feed", ("id", "title", "updated"))
    problems += _dates(feed, "feed", ("updated",), _rfc3339, now)
    problems += _iri(feed.findtext(f"{ATOM}id"), "feed id")
    feed_has_author = _has_author(feed)
    ids = []
    for number, entry in enumerate(feed.findall(f"{ATOM}entry"), 1):
        where = f"entry {number}"
        problems += _exactly_one(entry, where, ("id", "title", "updated"))
        problems += _dates(entry, where, ("updated", "published"), _rfc3339, now)
        problems += _iri(entry.findtext(f"{ATOM}id"), f"{where} id")
        ids.append(entry.findtext(f"{ATOM}id"))
        if not feed_has_author and not _has_author(entry):
            problems.append(f"{where}: no author, and the feed has none")
        alternates = [
            link
            for link in entry.findall(f"{ATOM}link")
            if link.get("rel", "alternate") == "alternate"
        ]
        if entry.find(f"{ATOM}content") is None and not alternates:
            problems.append(f"{where}: no content and no alternate link")
        for link in entry.findall(f"{ATOM}link"):
            problems += _absolute(link.get("href"), f"{where} link")
        published, updated = entry.findtext(f"{ATOM}published"), entry.findtext(f"{ATOM}updated")
        if published and updated and _rfc3339(published) > _rfc3339(updated):
            problems.append(f"{where}: published after it was updated")
    if len(set(ids)) != len(ids):
        problems.append("two entries have the same id")
    return problems


def rss_problems(rss, now):
    """RSS 2.0: the channel's required elements, an item's title or description, dates that
    RFC 822 readers parse."""
    channel = rss.find("channel")
    if rss.tag != "rss" or rss.get("version") != "2.0" or channel is None:
        return ["not an RSS 2.0 document"]
    problems = [
        f"channel: no {name}"
        for name in ("title", "link", "description")
        if not _text(channel, name)
    ]
    problems += _absolute(channel.findtext("link"), "channel link")
    problems += _dates(channel, "channel", ("lastBuildDate", "pubDate"), _rfc822, now, ns="")
    guids = []
    for number, item in enumerate(channel.findall("item"), 1):
        where = f"item {number}"
        if not (_text(item, "title") or _text(item, "description")):
            problems.append(f"{where}: neither title nor description")
        problems += _dates(item, where, ("pubDate",), _rfc822, now, ns="")
        if item.find("link") is not None:
            problems += _absolute(item.findtext("link"), f"{where} link")
        if item.find("guid") is not None:
            guids.append(item.findtext("guid"))
        for enclosure in item.findall("enclosure"):
            if {"url", "length", "type"} - set(enclosure.attrib):
                problems.append(f"{where}: an enclosure lacks url, length or type")
    if len(set(guids)) != len(guids):
        problems.append("two items have the same guid")
    return problems


def _exactly_one(element, where, names):
    counts = {name: len(element.findall(f"{ATOM}{name}")) for name in names}
    return [f"{where}: {count} {name} elements" for name, count in counts.items() if count != 1]


def _text(element, name):
    return (element.findtext(name) or "").strip()


def _has_author(element):
    return any(_text(author, f"{ATOM}name") for author in element.findall(f"{ATOM}author"))


def _dates(element, where, names, parse, now, ns=ATOM):
    problems = []
    for name in names:
        for child in element.findall(f"{ns}{name}"):
            try:
                moment = parse(child.text or "")
            except (TypeError, ValueError):
                problems.append(f"{where}: {name} {child.text!r} does not parse")
                continue
            if moment > now:
                problems.append(f"{where}: {name} {child.text} is in the future")
    return problems


def _rfc3339(text):
    moment = datetime.datetime.fromisoformat(text)
    if moment.tzinfo is None or "T" not in text:
        raise ValueError(text)  # RFC 3339 wants the time and its offset
    return moment


def _rfc822(text):
    moment = parsedate_to_datetime(text)
    if moment.tzinfo is None:
        raise ValueError(text)
    return moment


def _iri(value, where):
    return [] if value and urlsplit(value).scheme else [f"{where}: {value!r} is not an IRI"]


def _absolute(url, where):
    parts = urlsplit(url or "")
    return [] if parts.scheme in ("http", "https") and parts.netloc else [f"{where}: {url!r}"]
