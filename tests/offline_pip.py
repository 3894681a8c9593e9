"""Installing briefgen into a new virtualenv without the network, for the CI-recipe tests.

pre-commit (``language: python``) and scripts/ci-render.sh install briefgen the way a user
or a runner would: a fresh virtualenv and ``pip install`` of this repository. Here pip may
not use an index; the packages briefgen depends on (and hatchling, to build it) are the
ones the tests already run with, reached through ``PYTHONPATH``. ``PYTHONPATH`` does not
run ``.pth`` files, so an editable briefgen of the test environment stays invisible and
the briefgen that runs is the one pip installed into the new virtualenv.
"""

from __future__ import annotations

import os
import site
import sysconfig


def offline_install_env() -> dict[str, str]:
    """Environment variables for an offline ``pip install`` of this repository."""
    paths = sysconfig.get_paths()
    folders = dict.fromkeys([paths["purelib"], paths["platlib"], *site.getsitepackages()])
    return {
        "PYTHONPATH": os.pathsep.join(folders),
        "PIP_NO_INDEX": "1",  # no index: nothing is downloaded
        "PIP_NO_BUILD_ISOLATION": "0",  # pip's spelling of --no-build-isolation
    }
