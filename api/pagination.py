"""Cursor pages in the order of the list the rows come from, whatever its sort.

DRF's CursorPagination orders every page by one fixed ordering of model fields and positions
the cursor on its first field only. The public lists sort by the choice of `?sort=`, by related
fields (a comment request by its standard's title) and by nullable ones (news by date, nulls
last), so the cursor here is the last row's value of every ordering key, the primary key added
as the tie-breaker, and the next page is the rows after it (keyset pagination): constant cost
at any depth, no row repeated or skipped when rows are added between pages. A `previous` link
is a cursor on the page's first row that reads the keys the other way round.
"""

import base64
import binascii
import datetime
import json
from collections import OrderedDict

from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.models import F, OrderBy, Q
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from common.site_urls import absolute_url


class CursorEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder with the microseconds kept: it cuts times to milliseconds, and a
    cursor on a time so cut falls before its own row read upwards (`?sort=updated`)."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class Key:
    """One ordering key: a field path, its direction and where its nulls go."""

    def __init__(self, path, descending, nulls_last, explicit=False):
        self.path, self.descending, self.nulls_last = path, descending, nulls_last
        # NULLS FIRST/LAST only where the list asks for it: elsewhere the database's default
        # is where they go, and spelling it out keeps SQLite from ordering by an index.
        self.explicit = explicit

    def expression(self):
        if not self.explicit:
            return f"{'-' if self.descending else ''}{self.path}"
        nulls = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        return OrderBy(F(self.path), descending=self.descending, **nulls)

    def signature(self):
        return f"{'-' if self.descending else ''}{self.path}{'' if self.nulls_last else '^'}"

    def reversed(self):
        """The key read backwards: the other direction, the nulls at the other end (where the
        database puts them by default, if it did so before)."""
        return Key(self.path, not self.descending, not self.nulls_last, self.explicit)

    def equal(self, value):
        return Q(**{f"{self.path}__isnull": True}) if value is None else Q(**{self.path: value})

    def after(self, value):
        """The rows after `value` on this key; None if none can be."""
        if value is None:
            return None if self.nulls_last else Q(**{f"{self.path}__isnull": False})
        after = Q(**{f"{self.path}__{'lt' if self.descending else 'gt'}": value})
        return after | Q(**{f"{self.path}__isnull": True}) if self.nulls_last else after


def ordering_keys(queryset):
    """The queryset's ordering as keys, the primary key last, each knowing where this database
    puts its nulls (the list's own order) unless the ordering says."""
    query = queryset.query
    items = list(query.order_by or (query.get_meta().ordering if query.default_ordering else []))
    largest = connections[queryset.db].features.nulls_order_largest
    keys = []
    for item in items:
        if isinstance(item, str):
            descending = item.startswith("-")
            path = item.lstrip("-")
            keys.append(Key(path, descending, largest != descending))
        elif isinstance(item, OrderBy) and isinstance(item.expression, F):
            default = largest != item.descending
            nulls_last = True if item.nulls_last else False if item.nulls_first else default
            explicit = bool(item.nulls_last or item.nulls_first)
            keys.append(Key(item.expression.name, item.descending, nulls_last, explicit))
        else:
            raise ImproperlyConfigured(f"A cursor cannot follow the ordering {item!r}.")
    pk_name = query.get_meta().pk.name
    keys = [Key(pk_name, key.descending, True) if key.path == "pk" else key for key in keys]
    if not any(key.path == pk_name for key in keys):
        keys.append(Key(pk_name, False, True))
    return keys


def field_of(model, path):
    field = None
    for name in path.split("__"):
        field = model._meta.get_field(name)
        model = field.related_model
    return field


def value_of(instance, path):
    for name in path.split("__"):
        if instance is None:
            return None
        instance = getattr(instance, name)
    return instance


class ListCursorPagination(BasePagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    invalid_cursor_message = _("无效的游标。")

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.keys = ordering_keys(queryset)
        position, backwards = self.decode_cursor(request, queryset.model)
        keys = [key.reversed() for key in self.keys] if backwards else self.keys
        queryset = queryset.order_by(*(key.expression() for key in keys))
        if position is not None:
            queryset = queryset.filter(self.after(keys, position))
        rows = list(queryset[: self.page_size + 1])
        more = len(rows) > self.page_size
        self.page = rows[: self.page_size]
        if backwards:
            self.page.reverse()
            self.has_previous, self.has_next = more, True
        else:
            self.has_previous, self.has_next = position is not None, more
        return self.page

    def get_page_size(self, request):
        try:
            asked = int(request.query_params[self.page_size_query_param])
        except (KeyError, ValueError):
            return self.page_size
        return min(max(asked, 1), self.max_page_size)

    def after(self, keys, position):
        condition, equal_so_far = Q(pk__in=[]), Q()
        for key, value in zip(keys, position, strict=True):
            after = key.after(value)
            if after is not None:
                condition |= equal_so_far & after
            equal_so_far &= key.equal(value)
        return condition

    def signature(self):
        return [key.signature() for key in self.keys]

    def decode_cursor(self, request, model):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None, False
        try:
            cursor = json.loads(base64.urlsafe_b64decode(encoded.encode("ascii")))
            if cursor["o"] != self.signature() or len(cursor["v"]) != len(self.keys):
                raise ValueError("a cursor of another ordering")
            backwards = cursor.get("p", False)
            if not isinstance(backwards, bool):
                raise ValueError("a direction that is not true or false")
            return [
                None if value is None else field_of(model, key.path).to_python(value)
                for key, value in zip(self.keys, cursor["v"], strict=True)
            ], backwards
        except (
            UnicodeEncodeError,
            binascii.Error,
            ValueError,
            TypeError,
            KeyError,
            ValidationError,
            FieldDoesNotExist,
        ) as error:
            raise NotFound(self.invalid_cursor_message) from error

    def encode_cursor(self, instance, backwards=False):
        values = [value_of(instance, key.path) for key in self.keys]
        cursor = {"o": self.signature(), "v": values}
        if backwards:
            cursor["p"] = True
        encoded = json.dumps(cursor, cls=CursorEncoder, ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(encoded.encode()).decode("ascii")

    def get_next_link(self):
        if not self.has_next or not self.page:
            return None
        return self.link(self.encode_cursor(self.page[-1]))

    def get_previous_link(self):
        if not self.has_previous or not self.page:
            return None
        return self.link(self.encode_cursor(self.page[0], backwards=True))

    def link(self, cursor):
        # On SITE_URL as the records' own links are, never on the request's Host.
        url = absolute_url(self.request.get_full_path())
        return replace_query_param(url, self.cursor_query_param, cursor)

    def get_paginated_response(self, data):
        return Response(
            OrderedDict(
                [
                    ("next", self.get_next_link()),
                    ("previous", self.get_previous_link()),
                    ("results", data),
                ]
            )
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next page; null on the last.",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The page before; null on the first.",
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Where a page starts: from another page's `next` or `previous`.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, at most {self.max_page_size} "
                f"(default {self.page_size}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_page_size},
            },
        ]
