"""docgen: career progression frameworks into handbooks, promotion packets and level cards.

The library entry points live in `docgen.api`; the command line in `docgen.cli`.
"""

from importlib import metadata

DISTRIBUTION = "progression-docgen"  # the name on the package index; "docgen" is another project

try:
    __version__ = metadata.version(DISTRIBUTION)  # set from the git tag when installed
except metadata.PackageNotFoundError:  # imported from a source tree that was never installed
    __version__ = "0.0.0+unknown"
