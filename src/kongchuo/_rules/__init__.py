"""Rules over the models (规则): the special-group definitions (事实无人抚养, 留守)."""
