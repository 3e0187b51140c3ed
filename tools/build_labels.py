"""Generate frameworks/labels/<lang>.codes.yaml: the names of country, language and ISCED-F codes.

The specification prints "Finland", not "FI". The names come from published
tables, so they are generated, not typed:

- en: the EU Publications Office authority tables (countries, languages), as
  the European Learning Model lists them with their English labels
  (european-commission-empl/European-Learning-Model, commit 9d7c5d2,
  xsd/loq/cv/country.xsd, language.xsd), and the ISCED-F 2013 fields of
  frameworks/export/isced-f.yaml (tools/build_isced_f.py, from the same
  repository's isced-f.xsd). The authority tables are keyed by three-letter
  codes; pycountry's ISO 3166-1 and ISO 639 tables give the two-letter code of each.
- any other language: Unicode CLDR's names (through Babel), which the EU
  tables' labels in that language would need the network to read.

Countries are those frameworks/eu.yaml accepts; languages every ISO 639-1
code. Needs pycountry and babel (the dev extra); run ahead of time:

    python tools/build_labels.py --elm PATH/European-Learning-Model.git [LANG ...]   # default: en nl
"""

from __future__ import annotations

import argparse
import re
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "frameworks" / "labels"
ELM_COMMIT = "9d7c5d22002237c3afeb1750b7038e6fe2cdd371"
_ENTRY = re.compile(
    r'<xs:enumeration value="([^"]+)">\s*<xs:annotation>\s*<xs:documentation>(.*?)</xs:documentation>', re.S
)


def _xsd(elm: Path, name: str) -> dict[str, str]:
    """Last path segment of each URI in an ELM vocabulary -> its English label."""
    text = subprocess.run(
        ["git", "--git-dir", str(elm), "show", f"{ELM_COMMIT}:xsd/loq/cv/{name}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {uri.rsplit("/", 1)[1]: " ".join(label.split()) for uri, label in _ENTRY.findall(text)}


def _countries() -> list[str]:
    data = yaml.safe_load((ROOT / "frameworks" / "eu.yaml").read_text(encoding="utf-8"))
    return list(data["countries"])


def _iso_languages() -> list[tuple[str, str, str | None]]:
    """(ISO 639-1, ISO 639-3, ISO 639-2/B) of every language with a two-letter code."""
    import pycountry

    return sorted(
        (lang.alpha_2, lang.alpha_3, getattr(lang, "bibliographic", None))
        for lang in pycountry.languages
        if hasattr(lang, "alpha_2")
    )


def english(elm: Path) -> dict[str, dict[str, str]]:
    import pycountry

    eu_countries, eu_languages = _xsd(elm, "country.xsd"), _xsd(elm, "language.xsd")
    # ISCED-F names as tools/build_isced_f.py wrote them (from the same ELM list) for the EX rules and the exports.
    isced = yaml.safe_load((ROOT / "frameworks" / "export" / "isced-f.yaml").read_text(encoding="utf-8"))["fields"]
    countries = {}
    for code in _countries():
        entry = pycountry.countries.get(alpha_2=code)
        if entry is None:
            raise SystemExit(f"{code} is not an ISO 3166-1 code")
        # The EU table lacks a few territories (TF): ISO 3166-1's own short name then.
        countries[code] = eu_countries.get(entry.alpha_3) or getattr(entry, "common_name", entry.name)
    languages = {}
    for two, three, bibliographic in _iso_languages():
        name = eu_languages.get(three.upper()) or eu_languages.get((bibliographic or "").upper())
        if name:
            languages[two] = name
    return {"countries": countries, "languages": languages, "isced_f": dict(sorted(isced.items()))}


def cldr(language: str) -> dict[str, dict[str, str]]:
    from babel import Locale

    locale = Locale.parse(language)
    countries = {code: locale.territories[code] for code in _countries() if code in locale.territories}
    languages = {two: locale.languages[two] for two, _, _ in _iso_languages() if two in locale.languages}
    return {"countries": countries, "languages": languages}


def header(language: str) -> str:
    if language == "en":
        source = (
            "# source: EU Publications Office authority tables (countries, languages) and ISCED-F 2013 fields,\n"
            "#   with their English labels, as listed in european-commission-empl/European-Learning-Model\n"
            f"#   at {ELM_COMMIT[:7]} (xsd/loq/cv/country.xsd, language.xsd, isced-f.xsd);\n"
            "#   http://publications.europa.eu/resource/authority/country and .../language.\n"
            "#   Two-letter codes matched through ISO 3166-1 and ISO 639 (pycountry); a country missing from the\n"
            "#   EU table (TF) has its ISO 3166-1 short name.\n"
        )
    else:
        from babel import __version__ as babel_version
        from babel.core import get_global

        source = (
            f"# source: Unicode CLDR {get_global('cldr').get('version', '')} territory and language names\n"
            f"#   (read through Babel {babel_version}), https://cldr.unicode.org.\n"
        )
    return (
        f"# Names of the codes a design uses, in '{language}'. GENERATED by tools/build_labels.py:\n"
        "# edit the tool or frameworks/labels/<lang>.yaml, not this file.\n" + source
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elm", type=Path, required=True, help="git directory of European-Learning-Model")
    parser.add_argument("languages", nargs="*", default=["en", "nl"])
    args = parser.parse_args()
    for language in args.languages:
        tables = english(args.elm) if language == "en" else cldr(language)
        text = header(language) + yaml.safe_dump(tables, allow_unicode=True, sort_keys=False, width=200)
        (FOLDER / f"{language}.codes.yaml").write_text(text, encoding="utf-8")
        print(f"{language}: " + ", ".join(f"{len(v)} {k}" for k, v in tables.items()))


if __name__ == "__main__":
    main()
