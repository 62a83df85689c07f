"""PyInstaller entry script: the frozen app starts here and runs the same main() as the console script."""

import sys

from unipile_desktop.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
