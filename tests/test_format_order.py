"""The editor's key order (model/document.py, kept free of pydantic) is the models' field order."""

from __future__ import annotations

import pytest
from pydantic import BaseModel

from designer.model.design import ContentUnit, Course, Formative, Outcome, Summative
from designer.model.document import COURSE_KEYS, ITEM_KEYS
from designer.model.sections import SECTIONS

MODELS: dict[str, type[BaseModel]] = {
    "outcomes": Outcome,
    "summative": Summative,
    "formative": Formative,
    "content": ContentUnit,
}


def test_course_keys_are_the_course_model_fields_in_order() -> None:
    assert tuple(Course.model_fields) == COURSE_KEYS


@pytest.mark.parametrize("section", SECTIONS)
def test_item_keys_are_the_item_model_fields_in_order(section: str) -> None:
    assert set(ITEM_KEYS) == set(SECTIONS)
    fields = tuple(MODELS[section].model_fields)
    assert ITEM_KEYS[section] == tuple(field for field in fields if field != "description")
