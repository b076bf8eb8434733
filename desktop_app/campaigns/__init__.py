"""Campaigns that travel: built by headquarters from a workbook, signed into a small
``.fdcampaign`` file, and imported by offices (verified, compared, then applied)."""
