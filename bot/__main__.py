"""Allow ``python -m bot``; same as the ``pifa`` console script."""

from bot.cli import main

raise SystemExit(main())
