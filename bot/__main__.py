"""`python -m bot`: the coordinators' and developers' command line (see bot/cli.py)."""

import sys

from bot.cli import main

sys.exit(main())
