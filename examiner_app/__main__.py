from __future__ import annotations

import sys

from examiner_app.cli import main

if __name__ == "__main__":
    sys.exit(main())
