"""Pure domain logic with no I/O."""
