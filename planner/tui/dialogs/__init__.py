"""Modal dialogs: a choice (confirm), a name prompt, and export with a preview.

Each returns its answer through ``dismiss``; callers await them with
``push_screen_wait`` from a worker (see :mod:`planner.tui.session`), so a flow with
several questions reads top to bottom. All text that may hold user input arrives as
:class:`~textual.content.Content` built with :func:`planner.tui.text.literal`.
"""
