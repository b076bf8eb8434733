"""The few colours text takes in the shell, named once: an error, a success, a quiet help line."""

from __future__ import annotations

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
HELP_STYLE = "color: #4b5563;"
