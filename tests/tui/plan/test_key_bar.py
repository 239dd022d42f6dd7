"""The key bar: shows the bindings that matter, presses them on click, never lays out."""

from __future__ import annotations

from planner.tui.screens.help import HelpScreen
from planner.tui.widgets.key_bar import KeyBar

from ..helpers import LARGE, SMALL


def bar_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(KeyBar).render().plain


def span_of(app, description: str):  # type: ignore[no-untyped-def]
    bar = app.screen.query_one(KeyBar)
    bar.render()
    return next(s for s in bar._spans if s.key.description == description)


async def test_shows_the_screens_keys_and_the_palette_at_80_columns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert len(text) == SMALL[0]
        for shown in ("pgdn Next", "^q Quit", "f1 Help", "^s Save", "f6 Export", "f3 Open"):
            assert shown in text
        assert text.endswith("▏^p palette ")


async def test_more_keys_fit_a_wider_terminal(make_app) -> None:
    for size, shown in ((SMALL, False), (LARGE, True)):
        app = make_app()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            assert ("f4 Compare" in bar_text(app)) is shown


async def test_a_key_that_does_not_fit_is_left_out_whole(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert text.endswith("▏^p palette ")
        descriptions = [s.key.description for s in app.screen.query_one(KeyBar)._spans]
        for description in descriptions[:-1]:
            assert f" {description}" in text  # every key shown is shown whole


async def test_a_terminal_narrower_than_the_palette_key_still_draws(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(10, 24)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "palette" not in text and len(text) <= 10


async def test_hover_shows_the_tooltip_and_a_click_presses_the_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        save = span_of(app, "Save")
        await pilot.hover(KeyBar, offset=(save.start + 1, 0))
        await pilot.pause()
        assert bar._spans[bar.hovered].key.description == "Save"
        assert "Save the scenario" in str(bar.tooltip)
        await pilot.hover("#plan")
        await pilot.pause()
        assert bar.hovered == -1 and bar.tooltip is None
        help_key = span_of(app, "Help")
        await pilot.click(KeyBar, offset=(help_key.start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_follows_the_bindings_without_a_layout(make_app) -> None:
    """Opening help hides the save keys (check_action); the bar repaints, never lays out."""
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        layouts: list[object] = []
        real = bar.refresh

        def spy(*regions, layout=False, **kwargs):  # type: ignore[no-untyped-def]
            layouts.append(layout)
            return real(*regions, layout=layout, **kwargs)

        bar.refresh = spy  # type: ignore[method-assign]
        assert "^s Save" in bar.render().plain
        await pilot.press("f1")
        await pilot.pause()
        assert "^s Save" not in bar.render().plain
        assert layouts and not any(layouts)
