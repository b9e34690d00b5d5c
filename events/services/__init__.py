"""Multi-step actions, one module per feature: event, visit, agency."""
