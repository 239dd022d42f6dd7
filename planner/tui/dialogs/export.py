"""Export a Markdown document: choose a path, see a preview, confirm, write.

The document is built before the dialog opens (by :mod:`planner.export`, the same
text ``planner export`` writes), so the preview is exactly what lands in the file.
Writing goes through :func:`planner.fsio.write_atomic`: a new file is
published without ever replacing one that appeared meanwhile, and an existing file
is replaced only after the user says so in a second question. A path that cannot
be written leaves the dialog open with the reason in red, so the user can fix it.
"""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static, TextArea

from planner import fsio
from planner.tui.dialogs.base import AnswerOnce
from planner.tui.dialogs.choice import confirm
from planner.tui.text import literal


def resolve(text: str) -> Path:
    """What the user typed as an absolute path (``~`` expanded, relative to the cwd)."""
    return Path(text.strip()).expanduser().absolute()


def describe_target(text: str) -> tuple[str, Content]:
    """(state, message) for the path typed so far: ``empty``, ``new``, ``exists``, ``bad``."""
    if not text.strip():
        return "empty", Content("Type the path of the Markdown file to write.")
    path = resolve(text)
    if path.is_dir():
        return "bad", literal(f"{path} is a directory; add a file name such as plan.md.")
    if path.exists() and not path.is_file():
        return "bad", literal(f"{path} is not a regular file (a device, a pipe or a socket); choose a file name.")
    if path.exists():
        return "exists", literal(f"{path} exists: exporting asks before replacing it.")
    if not path.parent.is_dir():
        return "bad", literal(f"The directory {path.parent} does not exist.")
    return "new", literal(f"Will write {path}")


class ExportDialog(AnswerOnce, ModalScreen[Path | None]):
    """Returns the path written, or ``None`` if cancelled."""

    DEFAULT_CSS = """
    ExportDialog {
        align: center middle;
        background: $background 60%;
    }
    ExportDialog #export-box {
        width: 90%;
        max-width: 110;
        height: 90%;
        border: thick $primary 80%;
        background: $surface;
        padding: 0 1;
    }
    ExportDialog #export-title {
        text-style: bold;
    }
    ExportDialog #export-status {
        color: $text-muted;
        height: auto;
    }
    ExportDialog #export-status.-exists {
        color: $text-warning;
    }
    ExportDialog #export-status.-error {
        color: $text-error;
        text-style: bold;
    }
    ExportDialog #export-preview {
        height: 1fr;
        border: round $foreground 30%;
    }
    ExportDialog #export-buttons {
        height: auto;
        align-horizontal: right;
    }
    ExportDialog Button {
        margin-left: 1;
    }
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
        Binding("ctrl+s", "export", "Export", priority=True, id="export.write"),
    ]

    def __init__(self, title: str, markdown: str, default_path: Path) -> None:
        super().__init__(id="export")
        self.title_text = title
        self.markdown = markdown
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Static(Content(self.title_text), id="export-title")
            yield Input(str(self.default_path), placeholder="path/to/file.md", id="export-path")
            yield Static("", id="export-status")
            preview = TextArea(self.markdown, read_only=True, soft_wrap=True, id="export-preview")
            preview.border_title = "Preview"
            yield preview
            with Horizontal(id="export-buttons"):
                yield Button(Content.assemble("Export", (" (Enter)", "dim")), id="export-write", variant="primary")
                yield Button(Content.assemble("Cancel", (" (Esc)", "dim")), id="export-cancel")

    def on_mount(self) -> None:
        # A toast from before (e.g. the last "Exported") would sit over the buttons.
        self.app.clear_notifications()
        field = self.query_one("#export-path", Input)
        field.focus()
        self._describe(field.value)

    @property
    def status(self) -> Static:
        return self.query_one("#export-status", Static)

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        self._describe(event.value)

    def _describe(self, text: str) -> None:
        state, message = describe_target(text)
        self.status.update(message)
        self.status.set_class(state == "exists", "-exists")
        self.status.set_class(state == "bad", "-error")

    def _fail(self, message: str) -> None:
        self.status.update(literal(message))
        self.status.set_class(False, "-exists")
        self.status.set_class(True, "-error")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-write")
    def _submit(self) -> None:
        self.action_export()

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_export(self) -> None:
        self._export(self.query_one("#export-path", Input).value)

    @work(exclusive=True, group="export")
    async def _export(self, text: str) -> None:
        if self.answered:
            return  # a second Enter of a burst, after the first one exported
        if not text.strip():
            self._fail("Type the path of the file to write.")
            return
        path = resolve(text)
        data = self.markdown.encode("utf-8")
        try:
            try:
                fsio.write_atomic(path, data, overwrite=False)
            except fsio.AlreadyExists:
                answer = await self.app.push_screen_wait(
                    confirm(
                        "Replace the file?",
                        literal(f"{path} already exists. Replace it with this export? Its old contents will be lost."),
                        "Replace",
                        "r",
                        danger=True,
                    )
                )
                if answer != "yes":
                    self._describe(text)
                    return
                fsio.write_atomic(path, data, overwrite=True)
        except fsio.UnwritableFile as exc:
            self._fail(f"Could not export: {exc.message}")
            return
        self.dismiss(path)
