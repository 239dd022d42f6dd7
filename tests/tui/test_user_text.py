"""User text is data: a hostile name shows literally everywhere and does nothing."""

from __future__ import annotations

import pytest

from planner.text import pictured
from planner.tui.text import literal

from .conftest import LARGE
from .helpers import text_of

HOSTILE = "[@click=app.quit]x[/]"
BOLD = "[bold]Acme"
NOTES = "[@click=app.bell]ring[/] \x1b[2J wiped?"


def test_literal_never_parses_markup_and_shows_control_characters() -> None:
    assert str(literal(HOSTILE)) == HOSTILE
    assert literal(HOSTILE).spans == []
    assert pictured("a\x1b[2Jb\u202ec") == "a␛[2Jb<U+202E>c"
    # The Arabic letter mark and half a character were missed here before planner.text.
    assert str(literal("a\u061cb\ud800c", one_line=True)) == "a<U+061C>b<U+D800>c"


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
