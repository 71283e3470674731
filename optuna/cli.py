"""Entry point of the ``optuna`` command.

The sub-commands (create-study, trials, ask, tell, ...) need a storage shared between
processes, so they arrive together with the RDB storage. Until then the command reports its
version and says clearly that nothing else is available, exiting with status 2.
"""

import sys
from typing import List, Optional

from optuna.version import __version__


def main(argv: Optional[List[str]] = None) -> int:
    """Run the ``optuna`` command line tool and return its exit status."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-v"]):
        print(f"optuna {__version__}")
        return 0
    print(
        "optuna: the command line sub-commands are not available in this version yet "
        "(they need a shared storage such as sqlite:///...). Only --version works.",
        file=sys.stderr,
    )
    return 2


if __name__ == "__main__":
    sys.exit(main())
