"""``make faults``: the production set-up under failing servers (docs/reliability.md)."""
