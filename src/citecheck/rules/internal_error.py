from __future__ import annotations

from ..findings import Severity
from ._base import Rule


class InternalError(Rule):
    """A rule crashed on this document; the other rules still ran.

    ## What it does
    Reports that a rule raised an exception instead of finishing. The message names the rule, the
    exception and where it was raised. The rest of the report is complete.

    ## Why is this bad?
    The crashed rule's findings are missing from the report, so the document may have problems it
    did not show. It is a bug in citecheck, not in the article.

    ## Example
    `E001 internal-error rule duplicate-citation (R207) crashed: KeyError: 'url'`

    ## Use instead
    Report the message and the input to the citecheck maintainers; run with `--ignore` on the
    crashed rule to silence it meanwhile.
    """

    code = "E001"
    name = "internal-error"
    severity = Severity.ERROR
    summary = "A rule crashed on this document; its findings are missing."
