#!/usr/bin/env python3
"""Validate the shipped files and produced JSON against docs/schema/*.json.

    python3 test/schema.py BUILD_DIR

Uses Debian's python3-jsonschema and python3-yaml (test-only dependencies;
the library does not use them). YAML timestamps are read as text, as the
library reads them. Prints "ok ..." or "FAIL ..." per file.
"""
import glob
import json
import subprocess
import sys

import jsonschema
import yaml


class TextDates(yaml.SafeLoader):
    """SafeLoader without the timestamp type: 2026-11-23 stays a string."""


TextDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def validator(name):
    with open(f"docs/schema/{name}.schema.json", encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def check(v, what, doc):
    e = jsonschema.exceptions.best_match(v.iter_errors(doc))
    if e is not None:
        print(f"FAIL {what}: /{'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
        return 1
    print(f"ok {what}")
    return 0


def main(build):
    failed = 0
    kinds = [("rules", "rules/default/*.yaml"), ("rule-tests", "rules/tests/*.yaml"),
             ("proposal", "examples/proposals/*.yaml")]
    for name, pattern in kinds:
        v = validator(name)
        for path in sorted(glob.glob(pattern)):
            with open(path, encoding="utf-8") as f:
                failed += check(v, path, yaml.load(f, Loader=TextDates))
    # JSON proposals as tools write them (nulls, 6.0), read as JSON
    v = validator("proposal")
    for path in sorted(glob.glob("test/golden/input/*.json")):
        with open(path, encoding="utf-8") as f:
            failed += check(v, path, json.load(f))
    v = validator("result")
    proposals = sorted(glob.glob("examples/proposals/*.yaml"))
    for args in ([proposals[0]], proposals):
        out = subprocess.run([f"{build}/mprisk", "evaluate", "--format", "json", *args],
                             capture_output=True, text=True, check=False)
        failed += check(v, f"mprisk evaluate --format json ({len(args)} file(s))",
                        json.loads(out.stdout))
    # the schemas must also refuse what the library refuses
    bad = {"activities": [{"id": "a", "measure": "m", "colour": "red"}]}
    if not list(validator("proposal").iter_errors(bad)):
        print("FAIL proposal schema accepts an unknown key")
        failed += 1
    else:
        print("ok proposal schema refuses an unknown key")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build"))
