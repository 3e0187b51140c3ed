"""Keys in the order they were typed: the app routes a key only once the one before it has been handled.

Textual sends each key to the widget that has focus when the app dequeues it, but it runs the bindings of
that widget and its containers (Tab, Backspace, Escape, Enter on an item table) only when the key has
travelled back up to the app, and widgets move the focus in messages that are handled later still. Keys
that arrive in one read from the terminal (a paste, a fast typist, key repeat) were therefore all routed
before the first one had moved the focus: text typed within a few milliseconds after Tab landed in the
previous field, and a Backspace was applied after the letters typed behind it.
"""

from __future__ import annotations

from collections import deque
from typing import TypeVar

from textual import events
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer

ReturnType = TypeVar("ReturnType")

# Each round follows the key's path from the focused widget up to the app, so the messages the key caused
# on that path are handled too: the key and its binding, the message the binding posts (an item table's
# RowSelected or item action), and the one that posts in turn (a Select's choice, which then refocuses it).
ROUNDS = 3
# How often to check that the widget a key is waiting on still exists (a dialog closed by the key is
# removed with the call queued behind the key, which then never runs).
CHECK_SECONDS = 0.25


class KeysInOrderApp(App[ReturnType]):
    """An App that holds each key (and paste) until the previous one has been handled all the way up."""

    def __init__(self) -> None:
        super().__init__()
        self._held: deque[events.Key | events.Paste] = deque()
        self._in_flight: object | None = None
        self._waiting_on: DOMNode | None = None
        self._watchdog: Timer | None = None

    @property
    def keys_pending(self) -> bool:
        """Whether a key or paste is still on its way or held back (tests wait for this to clear)."""
        return self._in_flight is not None or bool(self._held)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            if self._in_flight is not None:
                self._held.append(event)
            else:
                await self._deliver(event)
            return
        await super().on_event(event)

    async def _deliver(self, event: events.Key | events.Paste) -> None:
        token = object()
        self._in_flight = token
        target: DOMNode = self.focused or self.screen
        path = list(target.ancestors_with_self)
        if path[-1] is not self:
            path.append(self)
        await super().on_event(event)
        self._follow(path, 0, ROUNDS, token)
        if self._watchdog is None:
            self._watchdog = self.set_interval(CHECK_SECONDS, self._check_alive)

    def _follow(self, path: list[DOMNode], step: int, rounds: int, token: object) -> None:
        """Queue a call behind the key on path[step]; when it runs, the key has left that node."""
        if token is not self._in_flight:
            return
        if step == len(path):
            if rounds > 1:
                self._follow(path, 0, rounds - 1, token)
            else:
                self.call_later(self._settled, token)
            return
        node = path[step]
        self._waiting_on = node
        if node is not self and not node.is_attached:
            self._follow(path, step + 1, rounds, token)
        elif not node.call_later(self._follow, path, step + 1, rounds, token):
            self.call_later(self._settled, token)  # that node is closing: nothing more to wait for

    async def _check_alive(self) -> None:
        node = self._waiting_on
        if self._in_flight is not None and node is not None and node is not self and not node.is_attached:
            await self._settled(self._in_flight)

    async def _settled(self, token: object) -> None:
        if token is not self._in_flight:
            return
        self._in_flight = None
        self._waiting_on = None
        if self._held:
            await self._deliver(self._held.popleft())
        elif self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
