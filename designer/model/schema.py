"""The JSON Schema of the design format, for editors with a YAML language server.

Generated from the pydantic models; the EU framework's vocabularies are added
as suggestions (any other text stays valid, since a QA office may extend them).
"""

from __future__ import annotations

import json
from typing import Any

from designer.model.design import ITEM_MODELS, REQUIRED_FIELDS, VOCABULARY_FIELDS, Design

SCHEMA_ID = "https://designer.invalid/schema/design-v1.json"

_DEFS = {section: model.__name__ for section, model in ITEM_MODELS.items()}
_DEFS["course"] = "Course"


def build_schema() -> dict[str, Any]:
    from designer.frameworks import load_framework

    schema = Design.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = SCHEMA_ID
    schema["title"] = "designer course design, format 1"
    defs = schema["$defs"]
    framework = load_framework("eu")
    for (section, field), vocabulary in VOCABULARY_FIELDS.items():
        prop = defs[_DEFS[section]]["properties"][field]
        allowed = list(framework.vocabulary(vocabulary))
        prop["anyOf"] = [{"enum": allowed}, {"type": "string"}, {"type": "null"}]
    for section, fields in REQUIRED_FIELDS.items():
        defs[_DEFS[section]]["required"] = list(fields)
    eqf = defs["Course"]["properties"]["eqf_level"]
    eqf["anyOf"] = [{"type": "integer", "minimum": 1, "maximum": 8}, {"type": "null"}]
    return schema


def schema_text() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
