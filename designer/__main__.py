"""Run the `designer` command as `python -m designer`."""

from designer.cli import run

run()
