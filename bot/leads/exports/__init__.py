"""Export writers, one module per format. Each has `BINARY` (does it write bytes?) and
`write(views, stream) -> int`, which writes every LeadView it is given and returns how many.

The writers only format: reading, filtering, decryption, atomic files and the audit row live in
`bot.leads.service.export_leads`, which is what the CLI and the dashboard call.
"""

from __future__ import annotations

import importlib
from types import ModuleType


def writer_for(fmt: str) -> ModuleType:
    """The writer module for csv, xlsx, json or fhir (imported on demand: openpyxl and fhir.resources
    take a second to load)."""
    return importlib.import_module(f"bot.leads.exports.{fmt}_export")
