"""Frozen entry point of the command line (`nianbao`, a console program on Windows)."""

import multiprocessing
import sys

multiprocessing.freeze_support()  # a worker process of `review` (editor/batch/pool.py) stops here
from editor.cli import main  # noqa: E402  (a worker process stops before loading it)

sys.exit(main())
