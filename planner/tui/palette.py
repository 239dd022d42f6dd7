"""Textual's command palette, guarded so a page key can never end the session.

Textual 8.2.8 (the newest release, and the head of its main branch when this was
written) has a race in the palette: while a search runs, the results list is emptied
and laid out with no height; when the results land they are added and the first is
highlighted; a PageUp or PageDown handled before the next layout asks
``OptionList._move_page`` for the line of the highlighted option, which no line map
holds yet, and the app exits with ``KeyError: 0``. Pressing Ctrl+P, typing ``e``
and holding PageUp hits it. Here that one key press does nothing instead: the next
one, after the layout, pages as usual.

The app opens this palette wherever Textual would open its own (Ctrl+P, and the
theme picker). Remove it once Textual guards ``_move_page``.
"""

from __future__ import annotations

from textual.command import CommandList
from textual.command import CommandPalette as TextualCommandPalette

PAGE_ACTIONS = ("page_up", "page_down")


class CommandPalette(TextualCommandPalette):
    def _action_command_list(self, action: str) -> None:
        if action in PAGE_ACTIONS and not self._laid_out():
            return
        super()._action_command_list(action)

    def _laid_out(self) -> bool:
        """Whether the results list has lines for its options (see the module doc)."""
        commands = self.query_one(CommandList)
        return not commands.option_count or bool(commands.scrollable_content_region)
