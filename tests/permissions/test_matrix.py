"""Who may open what: every URL of the site and the admin, requested by every role.

MATRIX names each URL pattern (by its URL name; by its route when it has none) and the outcome
of a GET for anonymous visitors, editors (编辑), publishers (审核) and administrators
(superusers). A pattern added without a row here fails `test_every_url_pattern_is_in_the_matrix`.
The URLs are filled from the demo data (see routes.Fill): public pages in both languages, lists'
downloads in both formats, admin pages with a real record; the issue's admin pages with a draft.
"""

import pytest

from .routes import LOGIN, REDIRECT, ROLES, Fill, fetch, outcome, project_routes

OK, FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 200, 403, 404, 405

# fmt: off
#                anonymous  editor     publisher  administrator
PUBLIC        = (OK,        OK,        OK,        OK)
STAFF         = (LOGIN,     OK,        OK,        OK)
PUBLISHERS    = (LOGIN,     FORBIDDEN, OK,        OK)
SUPERUSERS    = (LOGIN,     FORBIDDEN, FORBIDDEN, OK)
NOBODY        = (LOGIN,     FORBIDDEN, FORBIDDEN, FORBIDDEN)
POST_ONLY     = (LOGIN,     NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED)
# The admin's old object URL (…/<id>/) sends staff on to the change page, which decides.
OLD_URL       = (LOGIN,     REDIRECT,  REDIRECT,  REDIRECT)
# fmt: on


def admin_pages(app_model, outcome, **other_pages):
    """A model's five admin pages, all `outcome`, and `other_pages` (page: outcome) besides."""
    rows = {
        f"admin:{app_model}_{page}": outcome
        for page in ("changelist", "add", "change", "delete", "history")
    }
    return rows | {f"admin:{app_model}_{page}": other for page, other in other_pages.items()}


def records_admin(app_model, *, imports=True):
    """A record editors keep: staff do everything; imports and exports where the admin has them."""
    rows = admin_pages(app_model, STAFF, simple_history=STAFF)
    if imports:
        rows |= {
            f"admin:{app_model}_import": STAFF,
            f"admin:{app_model}_export": STAFF,
            f"admin:{app_model}_process_import": POST_ONLY,
        }
    return rows


def public_pages(name, *pages):
    """A public record's pages (its list, download, detail, feeds...): the same for everyone."""
    return {f"{name}-{page}": PUBLIC for page in pages}


def old_url(app_label, model_name):
    return {f"admin/{app_label}/{model_name}/<path:object_id>/": OLD_URL}


# fmt: off
MATRIX = {
    # The public site, in Chinese at / and in English under /en/: the same for everyone.
    **dict.fromkeys(["website:home", "website:statistics"], PUBLIC),
    **dict.fromkeys(["bulletin:issue", "bulletin:issue_pdf"], PUBLIC),
    **dict.fromkeys(["bulletin:revision", "bulletin:revision_pdf"], PUBLIC),
    **public_pages("bulletin:issue", "list", "export", "feed-rss", "feed-atom"),
    **public_pages("bulletin:newsitem", "list", "export", "detail"),
    **public_pages("standards:standard", "list", "export", "detail"),
    **public_pages(
        "standards:commentrequest", "list", "export", "detail", "feed-rss", "feed-atom", "calendar"
    ),
    **public_pages("standards:committee", "list", "export", "detail"),
    **public_pages("meetings:meeting", "list", "export", "detail", "calendar"),
    **public_pages("meetings:committee", "calendar"),
    # The site search and the open-data API, read-only and the same for everyone.
    **dict.fromkeys(["search:search", "api-home", "api:schema", "api:docs"], PUBLIC),
    **{
        f"api:{name}-{page}": PUBLIC
        for name in ("standard", "commentrequest", "meeting", "newsitem", "issue", "committee")
        for page in ("list", "detail")
    },
    # Subscribing needs no account; the signed links of the mails (forged here) find nothing.
    **dict.fromkeys(["subscriptions:subscribe", "subscriptions:sent"], PUBLIC),
    **dict.fromkeys(
        ["subscriptions:confirm", "subscriptions:manage", "subscriptions:unsubscribe"],
        (NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    ),
    # At the root whatever the language; uploaded files go with the record they belong to (a
    # public meeting's attachment here).
    **dict.fromkeys(["sitemap", "sitemap-section", "robots", "healthz", "media"], PUBLIC),
    "favicon":                          (REDIRECT,  REDIRECT,  REDIRECT,  REDIRECT),
    "set_language":                     (REDIRECT,  REDIRECT,  REDIRECT,  REDIRECT),

    # The admin site itself.
    **dict.fromkeys(["admin:index", "admin:app_list", "admin:autocomplete", "admin:jsi18n"], STAFF),
    **dict.fromkeys(["admin:password_change", "admin:password_change_done"], STAFF),
    "admin:login":                      (OK,        REDIRECT,  REDIRECT,  REDIRECT),
    # Logging out is a POST; a visitor who is not logged in is sent to the index (then login).
    "admin:logout":                     (REDIRECT,  NOT_ALLOWED, NOT_ALLOWED, NOT_ALLOWED),
    # "View on site": on to the record's public page (404 there when it is internal).
    "admin:view_on_site":               (LOGIN,     REDIRECT,  REDIRECT,  REDIRECT),
    "admin/(?P<url>.*)$":               (LOGIN,     NOT_FOUND, NOT_FOUND, NOT_FOUND),

    # Accounts, task results and login records: administrators only, some read-only.
    **admin_pages("auth_group", SUPERUSERS),
    **admin_pages("auth_user", SUPERUSERS, password_change=SUPERUSERS),
    **admin_pages("django_tasks_database_dbtaskresult", SUPERUSERS, add=NOBODY, delete=NOBODY),
    **admin_pages("axes_accessattempt", SUPERUSERS, add=NOBODY),
    **admin_pages("axes_accesslog", SUPERUSERS, add=NOBODY),
    **admin_pages("axes_accessfailurelog", SUPERUSERS, add=NOBODY),

    # The records editors keep.
    **records_admin("standards_committee"),
    **records_admin("standards_standard"),
    **records_admin("standards_review", imports=False),
    **records_admin("standards_commentrequest"),
    **records_admin("meetings_meeting"),
    **records_admin("bulletin_newsitem"),

    # The cover's contact details: one record, kept by staff, never added twice nor deleted.
    **admin_pages(
        "bulletin_secretariatprofile", STAFF, add=NOBODY, delete=NOBODY, simple_history=STAFF
    ),

    # The issue (a draft here): editors draft it, publishers alone delete, approve and publish.
    **admin_pages(
        "bulletin_issue",
        STAFF,
        delete=PUBLISHERS,
        simple_history=STAFF,
        preview=STAFF,
        preview_pdf=STAFF,
        preview_job=STAFF,
        # "Draft from records" is a POST: a GET finds nothing (test_posts checks the POST).
        draft=(LOGIN, NOT_FOUND, NOT_FOUND, NOT_FOUND),
        # The publish step's form (every step's POST is in test_posts).
        transition=PUBLISHERS,
    ),

    # Background imports: seen by whoever may import, made only by importing, deleted by admins.
    **admin_pages("imports_importjob", STAFF, add=NOBODY, delete=SUPERUSERS),

    # Subscribers' addresses: publishers see them (and delete one on request); editors see the
    # mailings' progress and send themselves a test copy of an issue's mail.
    **admin_pages("subscriptions_subscriber", PUBLISHERS, add=SUPERUSERS),
    **admin_pages(
        "subscriptions_mailing", STAFF, add=NOBODY, delete=SUPERUSERS, test_copy=STAFF
    ),
    **old_url("subscriptions", "subscriber"),
    **old_url("subscriptions", "mailing"),
    **old_url("auth", "group"),
    **old_url("auth", "user"),
    **old_url("django_tasks_database", "dbtaskresult"),
    **old_url("axes", "accessattempt"),
    **old_url("axes", "accesslog"),
    **old_url("axes", "accessfailurelog"),
    **old_url("standards", "committee"),
    **old_url("standards", "standard"),
    **old_url("standards", "review"),
    **old_url("standards", "commentrequest"),
    **old_url("meetings", "meeting"),
    **old_url("bulletin", "newsitem"),
    **old_url("bulletin", "secretariatprofile"),
    **old_url("bulletin", "issue"),
    **old_url("imports", "importjob"),
}
# fmt: on


def test_every_url_pattern_is_in_the_matrix():
    keys = [route.key for route in project_routes()]

    assert sorted(set(keys) - MATRIX.keys()) == [], "URL patterns without a row in MATRIX"
    assert sorted(MATRIX.keys() - set(keys)) == [], "rows in MATRIX for no URL pattern"
    assert len(keys) == len(set(keys)), "two patterns under one name"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says(role, client_as, records, internal):
    client = client_as(role)
    fill = Fill(records, internal.published_issue)
    failures = []
    checked = 0
    for route in project_routes():
        expected = MATRIX.get(route.key)
        if expected is None:
            continue  # test_every_url_pattern_is_in_the_matrix names it
        for url in fill.urls(route):
            response, _ = fetch(client, url)
            checked += 1
            if outcome(response) != expected[ROLES.index(role)]:
                failures.append(
                    f"{role} GET {url} ({route.key}): expected {expected[ROLES.index(role)]}, "
                    f"got {response.status_code} {response.get('Location', '')}".rstrip()
                )

    assert failures == [], f"{len(failures)} of {checked} URLs:\n" + "\n".join(failures)
