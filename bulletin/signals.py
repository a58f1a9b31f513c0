"""What the bulletin tells the floors above it, which it may not import (subscriptions mails a
published issue)."""

from django.dispatch import Signal

# Sent once the transaction that published `revision` (an IssueRevision) has committed.
revision_published = Signal()
