"""The Qt shell: windows, pages, item models, dialogs and workers over the pure core."""
