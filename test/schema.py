#!/usr/bin/env python3
"""Validate the shipped files and produced JSON against docs/schema/*.json.

    python3 test/schema.py BUILD_DIR

Every JSON output of mprisk is checked against its schema: evaluate (one
file and several), evaluate --jsonl lines, explain, matrix, diff and the
records of evaluate --log. The $defs the output schemas share (decision,
safeguards, trace, ...) must be the same in every file that has them.

Uses Debian's python3-jsonschema and python3-yaml (test-only dependencies;
the library does not use them). YAML timestamps are read as text, as the
library reads them. Prints "ok ..." or "FAIL ..." per file.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile

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


def mprisk(build, *args, stdin=None):
    out = subprocess.run([f"{build}/mprisk", *args], input=stdin, capture_output=True,
                         text=True, check=False)
    if out.returncode not in (0, 1):
        raise RuntimeError(f"mprisk {' '.join(args)}: exit {out.returncode}: {out.stderr}")
    return out.stdout


def check_outputs(build):
    """Every JSON output of the driver against its schema."""
    failed = 0
    proposals = sorted(glob.glob("examples/proposals/*.yaml"))
    v = validator("result")
    for args in ([proposals[0]], proposals):
        failed += check(v, f"mprisk evaluate --format json ({len(args)} file(s))",
                        json.loads(mprisk(build, "evaluate", "--format", "json", *args)))
    v = validator("decision")
    lines = ('{"id": "a", "country": "TN", "measure": "forced-return", "attributes": ["dual-use-equipment"]}\n'
             '{"country": "MA", "measure": "trade-mission", "safeguards": ["reporting-obligations"]}\n')
    for i, line in enumerate(mprisk(build, "evaluate", "--jsonl", stdin=lines).splitlines()):
        failed += check(v, f"mprisk evaluate --jsonl (line {i + 1})", json.loads(line))
    v = validator("explain")
    for args in (["MA"], ["LY"], ["TN", "forced-return"], ["SN", "trade-mission"]):
        failed += check(v, f"mprisk explain --format json {' '.join(args)}",
                        json.loads(mprisk(build, "explain", "--format", "json", *args)))
    failed += check(validator("matrix"), "mprisk matrix --format json",
                    json.loads(mprisk(build, "matrix", "--format", "json")))
    v = validator("monitoring")
    for proposal, obs, as_of in (
            ("examples/proposals/ma-action-plan.yaml", "examples/monitoring/ma-on-track.yaml", "2027-06-30"),
            ("examples/proposals/ma-action-plan.yaml", "examples/monitoring/ma-follow-up-overdue.yaml", "2028-01-15"),
            ("examples/proposals/table6/eu-tn-2023.yaml", "examples/monitoring/tn-collective-expulsion.yaml", "2027-06-30"),
            ("examples/proposals/eg-strategic-partnership.yaml", "examples/monitoring/eg-structural.yaml", "2027-09-30"),
            ("examples/proposals/ma-action-plan.yaml", "examples/monitoring/ma-overdue-round.yaml", "2027-07-15")):
        failed += check(v, f"mprisk monitor --format json {os.path.basename(obs)}",
                        json.loads(mprisk(build, "monitor", "--format", "json", "--as-of", as_of, proposal, obs)))
    tmp = tempfile.mkdtemp(prefix="mprisk-schema-")
    try:
        v = validator("diff")
        for change in sorted(glob.glob("examples/rule-changes/*.patch")):
            new = os.path.join(tmp, os.path.basename(change))
            shutil.copytree("rules/default", new)
            with open(change, encoding="utf-8") as f:
                subprocess.run(["patch", "-s", "-d", new, "-p1"], stdin=f, check=True)
            failed += check(v, f"mprisk diff --format json ({os.path.basename(change)})",
                            json.loads(mprisk(build, "diff", "--format", "json", "rules/default", new)))
        log = os.path.join(tmp, "decisions.log")
        mprisk(build, "evaluate", "--log", log, *proposals)
        # and one decided with experience (R9), which the record holds
        mprisk(build, "evaluate", "--log", log, "--experience", "examples/monitoring/eg-structural.yaml",
               "--as-of", "2027-09-30", "examples/proposals/eg-strategic-partnership.yaml")
        failed += check(validator("result"), "mprisk evaluate --experience --format json",
                        json.loads(mprisk(build, "evaluate", "--format", "json", "--experience",
                                          "examples/monitoring/eg-structural.yaml", "--as-of",
                                          "2027-09-30", "examples/proposals/eg-strategic-partnership.yaml")))
        v = validator("record")
        with open(log, encoding="utf-8") as f:
            for i, line in enumerate(f):
                failed += check(v, f"mprisk evaluate --log (record {i + 1})", json.loads(line))
    finally:
        shutil.rmtree(tmp)
    return failed


def check_shared_defs():
    """The output schemas are standalone files (editors read one file); the
    definitions they share must not drift apart."""
    seen = {}
    failed = 0
    for path in sorted(glob.glob("docs/schema/*.schema.json")):
        with open(path, encoding="utf-8") as f:
            for name, d in json.load(f).get("$defs", {}).items():
                if name in seen and seen[name][1] != d:
                    print(f"FAIL {path}: $defs/{name} differs from {seen[name][0]}")
                    failed += 1
                seen.setdefault(name, (path, d))
    if not failed:
        print(f"ok shared $defs agree across docs/schema ({len(seen)} definitions)")
    return failed


def check_free_text():
    """Free text (docs/proposal-format.md): the schema refuses every proposal
    the library refuses for its text (test/bad/proposals/text-*, but the
    unknown ids, which only the rules can tell), and accepts the hostile
    text the library accepts."""
    v = validator("proposal")
    failed = 0
    bad = [p for p in sorted(glob.glob("test/bad/proposals/text-*.yaml") +
                             glob.glob("test/bad/proposals/text-*.json"))
           if not os.path.basename(p).startswith("text-unknown-")]
    for path in bad:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f) if path.endswith(".json") else yaml.load(f, Loader=TextDates)
        if not list(v.iter_errors(doc)):
            print(f"FAIL proposal schema accepts {path}")
            failed += 1
    with open("test/fixtures/proposals/hostile-text.yaml", encoding="utf-8") as f:
        good = yaml.load(f, Loader=TextDates)
    failed += check(v, "test/fixtures/proposals/hostile-text.yaml", good)
    # "$" before a final line break would let "title\n" through a Python pattern
    for title in ("t\n", "t\r", "\u202et", "t\u2028", "\u0085", "\u00a0\u200b", " ", ""):
        doc = json.loads(json.dumps(good))
        doc["partnership"]["title"] = title
        if not list(v.iter_errors(doc)):
            print(f"FAIL proposal schema accepts the title {title!r}")
            failed += 1
    if not failed:
        print(f"ok proposal schema refuses the {len(bad)} free-text refusals of test/bad "
              "and accepts test/fixtures/proposals/hostile-text.yaml")
    return failed


def main(build):
    failed = 0
    kinds = [("rules", "rules/default/*.yaml"), ("rule-tests", "rules/tests/*.yaml"),
             ("proposal", "examples/proposals/*.yaml"),
             ("proposal", "examples/proposals/table6/*.yaml"),
             ("observations", "examples/monitoring/*.yaml")]
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
    failed += check_outputs(build)
    failed += check_shared_defs()
    # the schemas must also refuse what the library refuses
    bad = {"activities": [{"id": "a", "measure": "m", "colour": "red"}]}
    if not list(validator("proposal").iter_errors(bad)):
        print("FAIL proposal schema accepts an unknown key")
        failed += 1
    else:
        print("ok proposal schema refuses an unknown key")
    failed += check_free_text()
    # a rule test that asserts nothing (test/bad/tests/empty-*.yaml)
    for path in sorted(glob.glob("test/bad/tests/empty-*.yaml")):
        with open(path, encoding="utf-8") as f:
            doc = yaml.load(f, Loader=TextDates)
        if not list(validator("rule-tests").iter_errors(doc)):
            print(f"FAIL rule-tests schema accepts {path}")
            failed += 1
        else:
            print(f"ok rule-tests schema refuses {path}")
    one = json.loads(mprisk(build, "evaluate", "--format", "json",
                            "examples/proposals/draft-high-risk.yaml"))[0]
    one["activities"][0]["missing_safeguards"] = [
        s["id"] for s in one["activities"][0]["missing_safeguards"]]
    if not list(validator("result").iter_errors(one)):
        print("FAIL result schema accepts format_version 1 safeguard ids")
        failed += 1
    else:
        print("ok result schema refuses format_version 1 safeguard ids")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build"))
