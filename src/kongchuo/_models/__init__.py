"""The models layer of ``DESIGN.md``: children, guardians, schools and registrations."""
