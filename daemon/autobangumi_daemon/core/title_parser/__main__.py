"""`python -m autobangumi_daemon.core.title_parser [TITLE]`."""

import sys

from .cli import main

sys.exit(main())
