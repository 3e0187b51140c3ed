"""Run the `designer` command as `python -m designer`."""

from designer.cli import main

raise SystemExit(main())
