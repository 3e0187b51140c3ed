"""Print the country and language tables of frameworks/export/elm.yaml (paste them there).

ELM names a country or a language by its EU authority URI, which uses three-letter codes
(http://publications.europa.eu/resource/authority/country/BEL, .../language/NLD); a design
writes the two-letter ISO codes. The pairs come from Debian's iso-codes (ISO 3166-1 and
ISO 639-2 in JSON); only codes the EU authority lists are kept, with its English label, read
from the ELM repository's controlled-vocabulary files (xsd/loq/cv/country.xsd, language.xsd).

    python tools/build_elm_tables.py /usr/share/iso-codes/json ELM_CHECKOUT/xsd/loq/cv
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_XS = "{http://www.w3.org/2001/XMLSchema}"


def _authority(xsd: Path) -> dict[str, str]:
    """Each code of an EU authority table (the URI's last segment) with its English label."""
    out: dict[str, str] = {}
    for node in ET.parse(xsd).iter(f"{_XS}enumeration"):
        uri = node.attrib["value"]
        label = node.findtext(f"{_XS}annotation/{_XS}documentation") or ""
        out[uri.rsplit("/", 1)[1]] = " ".join(label.split())
    return out


def main(iso_codes: Path, cv: Path) -> None:
    countries = _authority(cv / "country.xsd")
    languages = _authority(cv / "language.xsd")
    iso_countries = json.loads((iso_codes / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]
    iso_languages = json.loads((iso_codes / "iso_639-2.json").read_text(encoding="utf-8"))["639-2"]
    print("countries:")
    for entry in sorted(iso_countries, key=lambda e: e["alpha_2"]):
        code = entry["alpha_3"]
        if code in countries:
            print(f'  "{entry["alpha_2"]}": {{code: {code}, label: {json.dumps(countries[code], ensure_ascii=False)}}}')
    print("languages:")
    for entry in sorted((e for e in iso_languages if "alpha_2" in e), key=lambda e: e["alpha_2"]):
        code = entry["alpha_3"].upper()
        if code in languages:
            print(f'  "{entry["alpha_2"]}": {{code: {code}, label: {json.dumps(languages[code], ensure_ascii=False)}}}')


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
