"""Frozen entry point of the Linux bundle: one program under two names.

`nianbao-editor` (a symbolic link to `nianbao`) opens the window; `nianbao` is the command line,
which never imports Qt. One program means one archive of the Python modules (see nianbao.spec).
"""

import multiprocessing
import os
import sys

multiprocessing.freeze_support()  # a worker process of `review` (editor/batch/pool.py) stops here
if os.path.basename(sys.argv[0]).startswith("nianbao-editor"):
    # What PyInstaller's PySide6 run-time hook would do, left out of the command line's start.
    bundle = getattr(sys, "_MEIPASS", None)  # None when run from source (the tests)
    if bundle is not None:
        os.environ.setdefault("QT_PLUGIN_PATH", os.path.join(bundle, "PySide6", "Qt", "plugins"))
    from editor.app import main
else:
    from editor.cli import main

sys.exit(main())
