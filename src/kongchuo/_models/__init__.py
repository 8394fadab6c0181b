"""The models layer (docs/design.md): children, guardians, schools and registrations."""
