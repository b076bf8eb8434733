"""FieldDesk: offline campaign register for field offices, signed bundles for headquarters."""

import time as _time

__version__ = "0.1.0"

# When the package was first imported: the start of ``--smoke-test``'s start-up figure.
STARTED_AT = _time.perf_counter()
