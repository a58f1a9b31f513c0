# No models. This module is here because migrate sends post_migrate only to apps that have one,
# and the roles are kept in step on this app's post_migrate (apps.py).
