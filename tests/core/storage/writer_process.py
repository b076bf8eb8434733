"""Run as a child process by the crash, lock and backup tests.

    writer_process.py write HOME N     -- save N scrap records one transaction each, printing
                                         the number committed after each commit
    writer_process.py hold HOME        -- take the folder lock, print 'locked', sleep
"""

import sys
import time
from datetime import date
from pathlib import Path

from desktop_app.domain.models import ScrapDisposal
from desktop_app.storage.store import open_folder


def main() -> None:
    mode, home = sys.argv[1], Path(sys.argv[2])
    opened = open_folder(home, lock=(mode == "hold"), today=lambda: date(2026, 11, 20))
    if mode == "hold":
        print("locked", flush=True)
        time.sleep(600)
        return
    campaign = opened.store.campaigns.current()
    for i in range(int(sys.argv[3])):
        opened.store.scrap.add(ScrapDisposal(campaign.id, date(2026, 10, 5), f"item {i}", remarks="x" * 500))
        print(i + 1, flush=True)


if __name__ == "__main__":
    main()
