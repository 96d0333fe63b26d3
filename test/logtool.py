#!/usr/bin/env python3
"""Edit a decision log as someone with write access to it could, for the tests.

    python3 test/logtool.py retime LOG TIME      every record's time set, resealed, rechained
    python3 test/logtool.py tamper LOG MODE LINE [reseal]

retime makes a log whose bytes do not depend on when it was written (the
golden tests replay it); it seals and chains exactly as mprisk does, which
is what anyone who knows the format (docs/json-output.md) can do. tamper
edits the record at LINE (1-based): MODE is verdict (the top-level verdict
made permitted, passing), findings (emptied), activity (the first activity
whose verdict is prohibited deleted), delete (the line removed), swap (the
line and the next exchanged), id-list (the first activity's id made a
list), input (one letter of the input text changed), cut (the line cut in
half, as a writer killed in its write leaves it). With "reseal" the edited
record gets a seal that matches it and every record after it is chained
again: the whole rewrite that only a signed head can catch.
"""
import hashlib
import json
import sys

SEAL = ', "seal": "'


def records(path):
    with open(path, encoding="utf-8") as f:
        return f.read().splitlines()


def dump(obj):
    """A record without its seal, as mprisk writes it (", " and ": ")."""
    del obj["seal"]
    return json.dumps(obj, ensure_ascii=False)[:-1]


def seal(body):
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def rechain(lines, start):
    for i in range(start, len(lines)):
        try:
            obj = json.loads(lines[i])
        except ValueError:
            continue
        prev = None
        for j in range(i - 1, -1, -1):
            if lines[j].endswith('"}') and SEAL in lines[j]:
                prev = lines[j][lines[j].rindex(SEAL) + len(SEAL):-2]
                break
        obj["prev"] = prev
        body = dump(obj)
        lines[i] = body + SEAL + seal(body) + '"}'


def tamper(lines, mode, i):
    if mode == "delete":
        del lines[i]
        return
    if mode == "swap":
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
        return
    if mode == "cut":
        lines[i] = lines[i][: len(lines[i]) // 2]
        return
    obj = json.loads(lines[i])
    dec = obj["decision"]
    if mode == "verdict":
        dec["verdict"], dec["passes"] = "permitted", True
    elif mode == "findings":
        dec["findings"] = []
    elif mode == "activity":
        k = [a["verdict"] for a in dec["activities"]].index("prohibited")
        del dec["activities"][k]
    elif mode == "id-list":
        dec["activities"][0]["id"] = [dec["activities"][0]["id"]]
    elif mode == "input":
        t = obj["input"]["text"]
        k = t.index("measure: ") + 9
        obj["input"]["text"] = t[:k] + t[k:].replace("a", "e", 1)
    else:
        raise SystemExit(f"unknown mode {mode}")
    old_seal = obj["seal"]
    lines[i] = dump(obj) + SEAL + old_seal + '"}'


def main(argv):
    if len(argv) >= 4 and argv[1] == "retime":
        lines = records(argv[2])
        for i, line in enumerate(lines):
            obj = json.loads(line)
            obj["time"] = argv[3]
            lines[i] = json.dumps(obj, ensure_ascii=False)
        rechain(lines, 0)
    elif len(argv) >= 5 and argv[1] == "tamper":
        lines = records(argv[2])
        i = int(argv[4]) - 1
        tamper(lines, argv[3], i)
        if len(argv) > 5 and argv[5] == "reseal":
            rechain(lines, max(i, 0))
    else:
        raise SystemExit(__doc__)
    with open(argv[2], "w", encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))


if __name__ == "__main__":
    main(sys.argv)
