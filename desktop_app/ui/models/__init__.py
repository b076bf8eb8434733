"""Item models of the Qt shell: registers, indicator grids, the summary, photos."""
