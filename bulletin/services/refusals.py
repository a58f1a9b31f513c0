"""What the issue's workflows refuse, with a message written for the user (the admin shows it)."""


class TransitionRefused(Exception):
    """The step does not apply to the issue as it is now; the message says why."""


class ContentChanged(TransitionRefused):
    """Records changed after approval: publishing sent the issue back to review."""


class PreviewRunning(TransitionRefused):
    """A preview of the issue is already being rendered."""
