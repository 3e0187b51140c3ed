"""Exports of a design to credential standards (ELM, Open Badges 3.0)."""
