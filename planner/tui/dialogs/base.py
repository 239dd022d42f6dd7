"""What every modal screen in the planner shares: one answer, however many keys.

Keys arrive in bursts: a fast typist's Ctrl+S then Enter Enter, ``y y`` held down in
a confirmation, a key and a click together. The first answer dismisses the dialog;
the others are still in its queue and would each dismiss "it" again, popping the
screen underneath (Textual's ``dismiss`` pops whatever screen is on top) until the
app fails with ``ScreenStackError: Can't pop screen``. With :class:`AnswerOnce` a
dialog answers once: a later ``dismiss`` is ignored.

A mixin rather than a ``ModalScreen`` subclass: every Textual screen class costs
about a millisecond to create, and the help screen is created at start-up.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete


class AnswerOnce:
    """Mix in before ``ModalScreen``: ``class Ask(AnswerOnce, ModalScreen[str])``."""

    _answered = False

    @property
    def answered(self) -> bool:
        """True once the dialog has given its answer (it is closing or closed)."""
        return self._answered

    def dismiss(self, result: Any = None) -> AwaitComplete:
        if self._answered or not self.is_active:  # type: ignore[attr-defined]
            return AwaitComplete.nothing()
        self._answered = True
        return super().dismiss(result)  # type: ignore[misc]
