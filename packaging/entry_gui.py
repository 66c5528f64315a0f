"""Frozen entry point of the editor window (`nianbao-editor`, windowed on Windows)."""

import sys

from editor.app import main

sys.exit(main())
