"""Pipeline stages: one module per layer of the ledger."""
