"""Frozen entry point of the editor window (`nianbao-editor`, windowed on Windows)."""

import multiprocessing
import sys

multiprocessing.freeze_support()  # a worker process of `review` (editor/batch/pool.py) stops here
from editor.app import main  # noqa: E402  (a worker process stops before loading Qt)

sys.exit(main())
