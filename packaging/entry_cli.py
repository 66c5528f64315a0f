"""Frozen entry point of the command line (`nianbao`, a console program on Windows)."""

import sys

from editor.cli import main

sys.exit(main())
