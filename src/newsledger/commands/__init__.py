"""The ``newsledger`` command line: one module per command (``queries`` holds the six store queries).

========================  =====================================================
``extract``               :mod:`newsledger.commands.extract`
``ingest``                :mod:`newsledger.commands.ingest`
``events`` ... ``timeline``  :mod:`newsledger.commands.queries`
``export``                :mod:`newsledger.commands.export`
``review ...``            :mod:`newsledger.commands.review`
``reextract``             :mod:`newsledger.commands.reextract`
``eval``                  :mod:`newsledger.commands.evaluate`
``bench``                 :mod:`newsledger.commands.bench`
``gazetteer``             :mod:`newsledger.commands.gazetteer`
``serve``, ``report``     :mod:`newsledger.web.commands`
``dictionaries``          :mod:`newsledger.dictionaries.command`
========================  =====================================================

What they share (the one-line failure, ``--db``, the filters, the pipeline options) is in
:mod:`newsledger.commands.common`. A new command is a module with a click command, added below.
"""

from __future__ import annotations

import click

from newsledger.commands import bench, evaluate, export, extract, gazetteer, ingest, queries, reextract, review
from newsledger.dictionaries.command import dictionaries
from newsledger.web import commands as web_commands


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="newsledger")
def main() -> None:
    """Read news about conflict and diplomacy and write a sourced ledger of it."""


for command in [
    extract.extract,
    ingest.ingest,
    *queries.COMMANDS,
    export.export,
    review.review,
    reextract.reextract,
    evaluate.evaluate,
    bench.bench,
    gazetteer.gazetteer,
    web_commands.serve,
    web_commands.report,
    dictionaries,
]:
    main.add_command(command)
