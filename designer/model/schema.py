"""The JSON Schemas of the design format and of catalogue.yaml, for editors with a YAML language server.

Generated from the pydantic models; the EU framework's vocabularies are added
as suggestions (any other text stays valid, since a QA office may extend them).
"""

from __future__ import annotations

import json
from typing import Any

from designer.model.design import ITEM_MODELS, REQUIRED_FIELDS, VOCABULARY_FIELDS, Design

SCHEMA_ID = "https://designer.invalid/schema/design-v1.json"
CATALOGUE_SCHEMA_ID = "https://designer.invalid/schema/catalogue-v1.json"

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
    for (section, *path), vocabulary in VOCABULARY_FIELDS.items():
        model = defs[_DEFS[section]]
        for name in path[:-1]:  # a nested field: follow the mapping's $ref (approval -> Approval)
            ref = next(option["$ref"] for option in model["properties"][name]["anyOf"] if "$ref" in option)
            model = defs[ref.rsplit("/", 1)[-1]]
        prop = model["properties"][path[-1]]
        allowed = list(framework.vocabulary(vocabulary))
        prop["anyOf"] = [{"enum": allowed}, {"type": "string"}, {"type": "null"}]
    for section, fields in REQUIRED_FIELDS.items():
        defs[_DEFS[section]]["required"] = list(fields)
    eqf = defs["Course"]["properties"]["eqf_level"]
    eqf["anyOf"] = [{"type": "integer", "minimum": 1, "maximum": 8}, {"type": "null"}]
    return schema


def build_catalogue_schema() -> dict[str, Any]:
    """The schema of catalogue.yaml: methods and Bloom levels offered from the EU framework, ids asked for."""
    from designer.frameworks import load_framework
    from designer.model.catalogue import Catalogue

    schema = Catalogue.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = CATALOGUE_SCHEMA_ID
    schema["title"] = "designer catalogue, format 1"
    defs = schema["$defs"]
    framework = load_framework("eu")
    methods = defs["Expectation"]["properties"]["methods"]
    methods["items"] = {"anyOf": [{"enum": list(framework.summative_methods)}, {"type": "string"}]}
    bloom = defs["Expectation"]["properties"]["min_bloom"]
    bloom["anyOf"] = [{"enum": [level.id for level in framework.bloom_levels]}, {"type": "string"}, {"type": "null"}]
    eqf = defs["Stack"]["properties"]["eqf_level"]
    eqf["anyOf"] = [{"type": "integer", "minimum": 1, "maximum": 8}, {"type": "null"}]
    for name in ("Path", "Level", "Stack"):
        defs[name]["required"] = ["id"]
    return schema


def schema_text(catalogue: bool = False) -> str:
    schema = build_catalogue_schema() if catalogue else build_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
