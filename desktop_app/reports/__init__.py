"""Reports: the summary's content as plain data (``summary``) and its Qt PDF renderer."""
