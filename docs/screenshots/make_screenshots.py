"""Write the README's editor screenshots (docs/screenshots/*.svg) from the sample design.

Run from the repository root after a change to the editor's look, and look at them before committing:
    python docs/screenshots/make_screenshots.py
The set-up is the snapshot tests' (tests/test_tui_snapshots.py): a copy of the sample as course.yaml
in a private folder, the first validation shown, cursors not blinking.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from pathlib import Path

from textual.widgets import Input, TextArea

from designer.tui.app import make_app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_courses" / "sustainable-public-procurement.yaml"
OUT = Path(__file__).resolve().parent
# file name: (stage, terminal size)
SHOTS = {
    "stage-course.svg": ("course", (100, 30)),
    "stage-outcomes.svg": ("outcomes", (100, 30)),
    "stage-summative.svg": ("summative", (100, 30)),
    "stage-review.svg": ("review", (100, 30)),
    "narrow-outcomes.svg": ("outcomes", (80, 24)),
}


async def shoot(stage: str, size: tuple[int, int]) -> str:
    app = make_app(Path("course.yaml"), stage=stage, recovery_interval=0)
    async with app.run_test(size=size) as pilot:
        await pilot.pause(0.5)
        await app.workers.wait_for_complete()
        await pilot.pause()
        for field in app.screen.query(Input):
            field.cursor_blink = False
        for area in app.screen.query(TextArea):
            area.cursor_blink = False
        await pilot.pause()
        return app.export_screenshot()


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        os.chdir(folder)
        os.environ["XDG_STATE_HOME"] = str(Path(folder) / "state")  # no recent-files list of the caller's
        for name, (stage, size) in SHOTS.items():
            shutil.copy(SAMPLE, "course.yaml")
            (OUT / name).write_text(asyncio.run(shoot(stage, size)), encoding="utf-8")
            print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
