"""Reusable widgets of the Qt shell: the figure grid, photo strip, bar chart, delegates."""
