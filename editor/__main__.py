"""`python -m editor [FILE]` starts the editor window."""

import sys

from editor.app import main

sys.exit(main())
