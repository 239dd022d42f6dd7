"""TUI tests, arranged by what the user sees, so a change to one screen has one place
to look and a new test has one place to go:

* ``plan/``: the plan screen (planner/tui/screens/plan.py): the wizard and its
  fields, form state, the live plan, the plan view and why panel, the header and
  the key bar, and its snapshots;
* ``scenarios/``: the Scenarios screen (F3) and its snapshots;
* ``compare/``: the Compare screen (F4) and its snapshots;
* ``help/``: the help screen (F1) and its snapshot;
* ``dialogs/``: the name, choice and export dialogs, and keys that arrive in a burst;
* ``app/``: what works on every screen: the session (planner/tui/session.py), save and
  quit, the command palette;
* ``test_user_text.py``: user text is never markup, on every screen (one rule, one set
  of hostile names).

Shared helpers are in ``helpers.py``, fixtures in ``conftest.py``. Each package's
``test_snapshots.py`` keeps its SVGs in ``<package>/__snapshots__/test_snapshots/``.
"""
