"""The archive's signature: an HMAC-SHA256 of its manifest, which holds every other member's
SHA-256, so one signature covers every row and file.

Checksums alone only catch damage: whoever can edit an archive can recompute them (make a user
superuser, fix the hashes, and it restored). The key comes from the environment,
BACKUP_SIGNING_KEY, kept apart from the archives; without it, development derives one from
SECRET_KEY (BACKUP_SIGNING_KEY_FROM_SECRET_KEY), and production makes no backup at all.
"""

import hashlib
import hmac
import json

from django.conf import settings

from .format import BackupError

SIGNATURE = "manifest.json.sig"
ALGORITHM = "hmac-sha256"


def signing_key():
    """The key as bytes, or None when there is none to use."""
    if settings.BACKUP_SIGNING_KEY:
        return settings.BACKUP_SIGNING_KEY.encode()
    if settings.BACKUP_SIGNING_KEY_FROM_SECRET_KEY and settings.SECRET_KEY:
        # Its own key, derived: a signature never reveals anything of SECRET_KEY.
        return hmac.digest(settings.SECRET_KEY.encode(), b"bulletin.backup-signing", "sha256")
    return None


def fingerprint(key):
    """Names the key in the signature, so a mismatch can say it was another key."""
    return hashlib.sha256(b"bulletin.backup-key:" + key).hexdigest()[:16]


def require_key():
    key = signing_key()
    if key is None:
        raise BackupError(
            "No BACKUP_SIGNING_KEY: set it (a long random string, kept apart from the backups) "
            "so that the archive is signed and a restore can tell it was not altered."
        )
    return key


def signature_member(manifest):
    """The signature member's bytes for the manifest's bytes; BackupError without a key."""
    key = require_key()
    signature = {
        "algorithm": ALGORITHM,
        "key": fingerprint(key),
        "signature": hmac.new(key, manifest, "sha256").hexdigest(),
    }
    return json.dumps(signature, indent=2).encode()


def verify(path, manifest, member):
    """Raise BackupError unless `member` (bytes or None) signs the manifest's bytes."""
    advice = "Restore it with --trust-unsigned only if you know where it comes from."
    if member is None:
        raise BackupError(f"{path} is not signed; nothing was restored. {advice}")
    key = signing_key()
    if key is None:
        raise BackupError(
            f"{path} is signed, but no BACKUP_SIGNING_KEY is set to check it; nothing was "
            f"restored. Set the key the backup was made with."
        )
    try:
        signature = json.loads(member)
        valid = signature["algorithm"] == ALGORITHM and hmac.compare_digest(
            hmac.new(key, manifest, "sha256").hexdigest(), str(signature["signature"])
        )
    except (ValueError, TypeError, KeyError):
        valid, signature = False, {}
    if not valid:
        other = isinstance(signature, dict) and signature.get("key") not in (None, fingerprint(key))
        why = "it was signed with another key" if other else "it was altered after signing"
        raise BackupError(
            f"{path}: the signature does not match ({why}); nothing was restored. {advice}"
        )
