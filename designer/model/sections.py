"""Names of the design's sections and their reference fields: light, no pydantic, so the editor starts fast."""

from __future__ import annotations

SECTIONS: tuple[str, ...] = ("outcomes", "summative", "formative", "content")
# The sections whose hours make up the workload.
WORKLOAD_SECTIONS: tuple[str, ...] = ("content", "formative", "summative")
# The kind of item a section holds, in the words findings use.
KIND = {
    "outcomes": "outcome",
    "summative": "summative component",
    "formative": "formative checkpoint",
    "content": "content unit",
}
# Which reference list points at which section.
REFERENCES: dict[str, str] = {"outcomes": "outcomes", "prepares": "summative", "checkpoints": "formative"}
# Fields an item needs before it is complete; a missing one is a finding, not a load failure.
# Hours, weeks, weights and a content unit's mode and activity are plan details a draft or a
# transcribed specification may lack: WL005 reports them once per design, not here.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "outcomes": ("id", "statement", "domain"),
    "summative": ("id", "title", "method"),
    "formative": ("id", "title", "method"),
    "content": ("id", "title"),
}
# The `grading` of a summative component that is passed or failed and carries no weight.
PASS_FAIL = "pass-fail"
# Fields checked against a framework vocabulary: (section, field) for an item's field, ("course", *path)
# for a course field, nested or not.
VOCABULARY_FIELDS: dict[tuple[str, ...], str] = {
    ("course", "participation"): "participation",
    ("course", "assessment_supervision"): "assessment_supervision",
    ("course", "stackability"): "stackability",
    ("course", "learning_setting"): "learning_setting",
    ("course", "approval", "status"): "approval_status",
    ("outcomes", "domain"): "domain",
    ("summative", "method"): "summative_method",
    ("summative", "grading"): "grading",
    ("formative", "method"): "formative_method",
    ("content", "mode"): "content_mode",
    ("content", "activity"): "content_activity",
}
