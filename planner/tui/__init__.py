"""The Textual app: a thin, keyboard-first shell over the decision engine.

Nothing in here plans. Widgets read a :class:`~planner.models.Plan` and edit a
:class:`~planner.models.Scenario`; every number on screen comes from the engine.
Nothing outside this package imports it, so scripted use never loads textual.
"""
