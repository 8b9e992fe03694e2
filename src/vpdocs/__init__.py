"""vpdocs: the Flemish Parliament's written questions as clean, validated records."""

from vpdocs._version import __version__
from vpdocs.errors import VpdocsError

__all__ = ["VpdocsError", "__version__"]
