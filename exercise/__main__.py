import sys

from exercise.cli import main

sys.exit(main())
