"""The ``newsledger`` entry point: the command group of :mod:`newsledger.commands`, run so that any
failure is one line on stderr, never a traceback."""

from __future__ import annotations

import sys

from newsledger.api import WorkersFailed
from newsledger.commands import main
from newsledger.commands.common import fail

__all__ = ["main", "run"]


def run() -> None:
    """Entry point: one line on stderr for any failure, never a traceback."""
    try:
        main(standalone_mode=True)
    except BrokenPipeError:
        sys.stderr.close()  # output piped to `head`: not an error
    except KeyboardInterrupt:
        fail("interrupted", 130)
    except WorkersFailed as error:
        fail(str(error))
    except Exception as error:
        fail(f"internal error: {type(error).__name__}: {error}", 2)


if __name__ == "__main__":
    run()
