from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("账户")

    def ready(self):
        from . import roles

        # Permissions exist only after migrate has run, so the groups are kept in step here.
        # migrate sends post_migrate app by app in INSTALLED_APPS' order, creating each app's
        # permissions as it goes: this app comes after every app whose permissions roles names.
        post_migrate.connect(roles.ensure_roles_after_migrate, sender=self)
