"""`python -m tfclassic doctor` and the other `tfclassic` commands."""
import sys

from tfclassic.cli import main

sys.exit(main())
