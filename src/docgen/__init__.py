"""docgen: career progression frameworks into handbooks, promotion packets and level cards.

The library entry points live in `docgen.api`; the command line in `docgen.cli`.
"""

__version__ = "0.1.0"
