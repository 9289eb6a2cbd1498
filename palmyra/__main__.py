"""`python -m palmyra` runs the command line, like the `palmyra` script."""

from palmyra.cli import main

raise SystemExit(main())
