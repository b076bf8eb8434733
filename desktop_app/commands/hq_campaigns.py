"""``hq campaign template | build | publish | list``: campaigns headquarters sends offices.

``template`` writes a campaign workbook to start from (a shipped or published campaign,
filled in); ``build`` reads one and prints what it defines, or every mistake with its sheet,
row and column (exit 1); ``publish`` signs it with headquarters' key into
``<id>-v<version>.fdcampaign``, keeps it (the receiver offers it to every office that
uploads) and copies it to ``--out`` for pen drives; ``list`` shows what was published.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.errors import FieldDeskError


def add_campaign_commands(hq_sub: argparse._SubParsersAction) -> None:
    campaign = hq_sub.add_parser("campaign", help="campaigns for offices: template, build, "
                                                  "publish, list")
    sub = campaign.add_subparsers(dest="hq_campaign_command", metavar="ACTION", required=True)
    p = sub.add_parser("template", help="write a campaign workbook to start from")
    p.add_argument("--out", type=Path, required=True, metavar="CAMPAIGN.xlsx")
    p.add_argument("--from", dest="source", default="special-campaign-6", metavar="ID_OR_FILE",
                   help="a shipped campaign's id (default special-campaign-6), or a campaign "
                        "file (.xlsx, .json, .fdcampaign) to edit")
    p.set_defaults(func=cmd_template)
    p = sub.add_parser("build", help="check a campaign workbook; print what it defines")
    p.add_argument("workbook", type=Path, metavar="CAMPAIGN.xlsx")
    p.add_argument("--out", type=Path, metavar="campaign.json",
                   help="also write the campaign template (JSON) there")
    p.set_defaults(func=cmd_build)
    p = sub.add_parser("publish", help="sign a campaign with headquarters' key into "
                                       "<id>-v<version>.fdcampaign and offer it to offices")
    p.add_argument("source", type=Path, metavar="CAMPAIGN.xlsx|campaign.json")
    p.add_argument("--out", type=Path, metavar="DIR",
                   help="also copy the campaign file to DIR (a pen drive)")
    p.set_defaults(func=cmd_publish)
    p = sub.add_parser("list", help="the campaigns headquarters published")
    p.set_defaults(func=cmd_list)


def _describe(template: dict) -> None:
    from desktop_app.domain.templates import parse_template

    campaign = parse_template(template)
    print(f"campaign:    {campaign.id}, version {campaign.version}")
    print(f"title:       {campaign.title.en} / {campaign.title.hi}")
    for phase in campaign.phases:
        print(f"phase:       {phase.title.en}: {phase.start:%d.%m.%Y} to {phase.end:%d.%m.%Y}")
    computed = sum(1 for i in campaign.indicators if i.source.value != "entered")
    print(f"indicators:  {len(campaign.indicators)} ({len(campaign.indicators) - computed} "
          f"entered, {computed} computed from registers)")


def _load(path: Path) -> dict:
    """The campaign in *path*; a workbook's mistakes are printed one per line first."""
    from desktop_app.campaigns.workbook import CampaignBuildError
    from desktop_app.hq.published import load_campaign

    try:
        return load_campaign(path)
    except CampaignBuildError as exc:
        for problem in exc.problems:
            print(f"{exc.source}: {problem}", file=sys.stderr)
        noun = "mistake" if len(exc.problems) == 1 else "mistakes"
        raise FieldDeskError(f"{exc.source}: {len(exc.problems)} {noun} (listed above); "
                             "nothing was built") from None


def cmd_template(args: argparse.Namespace) -> int:
    from desktop_app.campaigns.package import SUFFIX, read_package
    from desktop_app.campaigns.workbook_template import write_campaign_workbook
    from desktop_app.domain.templates import load_template, parse_template, templates_dir

    source = Path(args.source)
    if source.suffix.lower() == SUFFIX:
        campaign = read_package(source).campaign
    elif source.suffix.lower() in (".xlsx", ".json"):
        campaign = parse_template(_load(source))
    else:
        shipped = templates_dir() / f"{args.source}.json"
        if "/" in args.source or not shipped.is_file():
            names = ", ".join(sorted(p.stem for p in templates_dir().glob("*.json")))
            raise FieldDeskError(f"{args.source}: no such shipped campaign (there are: {names}), "
                                 "nor a campaign file")
        campaign = load_template(shipped)
    print(write_campaign_workbook(campaign, args.out))
    print("edit it, then: fielddesk hq campaign build FILE.xlsx; hq campaign publish FILE.xlsx",
          file=sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    import json

    from desktop_app.fileio import atomic_write

    template = _load(args.workbook)
    _describe(template)
    if args.out:
        if args.out.exists():
            raise FieldDeskError(f"{args.out}: already exists; not overwritten")
        text = json.dumps(template, ensure_ascii=False, indent=2) + "\n"
        atomic_write(args.out, text.encode("utf-8"))
        print(f"written:     {args.out}")
    print("no mistakes: publish it with fielddesk hq campaign publish", file=sys.stderr)
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    import shutil

    from desktop_app.commands.hq import open_hq_folder
    from desktop_app.hq.published import publish_campaign
    from desktop_app.hq.receipts import load_hq_key
    from desktop_app.keys import signing

    template = _load(args.source)
    with open_hq_folder(args) as hq:
        hq_key = load_hq_key(hq.folder.keys)
        done = publish_campaign(hq, template, hq_key)
        path = hq.folder.published / done.file_name
    _describe(template)
    state = "already published (nothing changed)" if done.already else "published"
    print(f"{state}: {path} ({done.bytes:,} bytes)")
    print(f"signed by:   {signing.fingerprint(hq_key)}")
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            shutil.copyfile(path, args.out / done.file_name)
        except OSError as exc:
            raise FieldDeskError(f"{args.out}: cannot copy the campaign file there "
                                 f"({exc.strerror})") from None
        print(f"copied to:   {args.out / done.file_name}")
    print("offered to every office with its next upload; by pen drive: fielddesk campaign "
          f"import {done.file_name}", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from desktop_app.commands.hq import open_hq_folder
    from desktop_app.hq.published import offer, published_campaigns

    with open_hq_folder(args) as hq, hq.store.read() as conn:
        rows = published_campaigns(conn)
        offered = offer(conn)
    if not rows:
        print("no campaign published yet (fielddesk hq campaign publish CAMPAIGN.xlsx)")
        return 0
    for row in rows:
        mark = "  [offered to offices]" if offered and offered[0] == row.file_name else ""
        print(f"{row.campaign_id}  v{row.version}  {row.title_en}  {row.indicators} indicators  "
              f"published {row.published_at[:16].replace('T', ' ')} UTC  {row.file_name}  "
              f"{row.bytes:,} bytes  template {row.template_sha256[:12]}…{mark}")
    return 0
