"""citecheck: check the citations of wiki articles."""
__version__ = "0.1.0"

__all__ = ["CitecheckError", "Config", "Finding", "Report", "Severity", "__version__", "check"]

from .api import check
from .config import Config
from .errors import CitecheckError
from .findings import Finding, Severity
from .report import Report
