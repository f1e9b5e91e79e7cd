"""`python -m orchestration.extract FILE...`: see cli.py."""
import sys

from .cli import main

sys.exit(main())
