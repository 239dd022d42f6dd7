"""User text is data, on every screen: a hostile scenario name, preset title or note
is shown literally (markup as typed, control characters made visible) and clicking
it does nothing. One module for one rule (planner.tui.text.literal and
planner.text.pictured behind every widget that shows user text), with one set of
hostile names, so a new screen adds its case beside the others."""

from __future__ import annotations

import pytest

from planner.text import pictured
from planner.tui.dialogs.choice import ChoiceDialog
from planner.tui.screens.compare import CompareScreen
from planner.tui.screens.scenario_list import ScenarioList
from planner.tui.text import literal

from .helpers import LARGE, save_all, settle, shown_text, text_of

HOSTILE = "[@click=app.quit]x[/]"
BOLD = "[bold]Acme"
NOTES = "[@click=app.bell]ring[/] \x1b[2J wiped?"
NAMES = [HOSTILE, "[bold]Acme | ok", "עברית 🌸 \u202eevil"]


def test_literal_never_parses_markup_and_shows_control_characters() -> None:
    assert str(literal(HOSTILE)) == HOSTILE
    assert literal(HOSTILE).spans == []
    assert pictured("a\x1b[2Jb\u202ec") == "a␛[2Jb<U+202E>c"
    # The Arabic letter mark and half a character were missed here before planner.text.
    assert str(literal("a\u061cb\ud800c", one_line=True)) == "a<U+061C>b<U+D800>c"


# --- the plan screen and the palette -------------------------------------------------------


@pytest.mark.parametrize("name", [HOSTILE, BOLD])
async def test_hostile_name_is_literal_everywhere_and_clicks_do_nothing(make_app, kb, name: str) -> None:
    scenario = kb.default_scenario().with_changes(name=name, notes=NOTES)
    app = make_app(scenario)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.pause()
        # Header, plan title, review summary, the name field.
        assert name in str(app.format_title(app.title, app.sub_title))
        assert text_of(app, "#plan-title").startswith(name)
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert f"Name     {name}" in text_of(app, "#review-summary")
        assert app.screen.query_one("#input-name").value == name
        assert "␛[2J" in app.screen.query_one("#notes").text.replace("\x1b", "␛")

        # Click right on the text, in the title line and in the header.
        for selector in ("#plan-title", "#review-summary", "HeaderTitle"):
            await pilot.click(selector, offset=(2, 0))
            await pilot.pause()
            assert app.is_running and app.return_code is None
        assert app.screen.query_one("#plan-title").render().spans == [] or all(
            "@click" not in str(span.style) for span in app.screen.query_one("#plan-title").render().spans
        )


async def test_hostile_preset_title_in_the_palette_is_literal(make_app, kb) -> None:
    preset = kb.presets[0].model_copy(update={"title": HOSTILE, "description": BOLD})
    knowledge = kb.model_copy(update={"presets": [preset, *kb.presets[1:]]})
    app = make_app(knowledge=knowledge)
    async with app.run_test(size=LARGE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Preset")
        await pilot.pause(0.3)
        from textual.command import CommandList

        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any(f"Preset: {HOSTILE}" in p and BOLD in p for p in prompts), prompts
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.return_code is None


# --- the Scenarios and Compare screens and their dialogs ----------------------------------


def lines_of(widget: ScenarioList, count: int) -> list[str]:
    return [widget.render_line(y).text for y in range(count)]


@pytest.mark.parametrize("size", [LARGE])
async def test_hostile_names_in_list_compare_and_dialogs(make_app, kb, size) -> None:
    save_all([kb.default_scenario().with_changes(name=n, notes="[@click=app.bell]ring[/]\nline") for n in NAMES])
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("f3")
        await settle(pilot)
        table = app.screen.query_one(ScenarioList)
        shown = "\n".join(lines_of(table, 3))
        assert HOSTILE in shown and "[bold]Acme | ok" in shown
        assert "\u202e" not in shown and "<U+202E>evil" in shown  # bidi override made visible
        for y in range(3):
            await pilot.click(ScenarioList, offset=(5, y))
            await pilot.pause()
            assert app.is_running and app.return_code is None

        # Marked names in the status line; the delete question names it literally.
        await pilot.press("home", "space", "space")
        assert HOSTILE in text_of(app, "#scenarios-status") or "[bold]Acme" in text_of(app, "#scenarios-status")
        await pilot.press("up", "up", "delete")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        message = text_of(app, "#choice-message")
        assert any(n in message for n in NAMES[:2])
        await pilot.click("#choice-message", offset=(30, 0))
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running

        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen) and screen.comparison is not None
        inputs = shown_text(screen.query_one("#compare-inputs"))
        summary = shown_text(screen.query_one("#compare-summary"))
        assert "[@click=app.bell]ring[/]" in inputs
        assert any(n[:12] in summary for n in NAMES[:2])
        for selector in ("#compare-title", "#compare-summary", "#compare-inputs"):
            await pilot.click(selector, offset=(3, 0))
            await pilot.click(selector, offset=(3, 4))
            await pilot.pause()
            assert app.is_running and app.return_code is None
