"""The models layer (docs/design.md): children, guardians, schools and registrations.

Importing the package installs the compiled checker, loader and dumper into the
model base (``base.COMPILED``), so that the base never imports its compiler.
"""

from kongchuo._models import compiled as _compiled  # noqa: F401 - installs the compiler
