"""The edges (边缘): serialization and the demo county.

Serialization (kongchuo's own cattrs converter, JSON documents, JSON Schema) and
the demo county and its year for the command line.
"""
