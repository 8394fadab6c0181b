"""The core below every layer of docs/design.md (核心).

Errors and the quoting function, argument checks, document reading, decisions
and findings, labelled enums, the friendly constructor guard and the
public-name helper. It imports nothing of kongchuo above it.
"""
