from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from bulletin.models import SecretariatProfile


def public_site(request):
    """The secretariat's contact block and links to this page in the other languages."""
    path = request.get_full_path()
    current = get_language()
    return {
        # Lazy: only the public pages' footer reads it, the admin does not.
        "secretariat": SimpleLazyObject(SecretariatProfile.load),
        "language_links": [
            {
                "code": code,
                "name": name,
                "url": translate_url(path, code),
                "current": code == current,
            }
            for code, name in settings.LANGUAGES
        ],
    }
