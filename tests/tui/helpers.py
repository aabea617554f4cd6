"""Small helpers for driving the app in tests."""

from __future__ import annotations

from textual.message import Message
from textual.notifications import Notification, Notify
from textual.pilot import Pilot


async def settle(pilot: Pilot[None]) -> None:
    """Wait until workers are done and the screen has been refreshed."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class ToastLog:
    """Records every notification the app shows (pass as ``run_test(message_hook=...)``).

    Textual hands each message to the hook just before it is handled, so a ``Notify`` seen
    here is a toast the app is putting on screen (even when the test run hides toasts).
    """

    def __init__(self) -> None:
        self.shown: list[Notification] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, Notify):
            self.shown.append(message.notification)

    @property
    def messages(self) -> list[str]:
        """The texts of the notifications, oldest first."""
        return [notification.message for notification in self.shown]

    def find(self, start: str, severity: str | None = None) -> Notification | None:
        """The latest notification whose text starts so (and has this severity), if any."""
        for notification in reversed(self.shown):
            if notification.message.startswith(start) and (
                severity is None or notification.severity == severity
            ):
                return notification
        return None
