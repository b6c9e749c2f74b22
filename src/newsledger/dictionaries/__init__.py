"""Converters from the event-coding field's dictionaries (CAMEO verb patterns, Phoenix agents) to newsledger's
rule tables in ``newsledger/data/``; run by ``newsledger dictionaries`` (see docs/dictionaries.md)."""
