"""Ed25519 key pairs: the office's, which signs its bundles and upload requests, and
headquarters', which signs receipts (``signing``); creating or replacing the office's key
as an audited act (``office_key``)."""
