"""FieldDesk: offline campaign register for field offices, signed bundles for headquarters."""

__version__ = "0.1.0"
