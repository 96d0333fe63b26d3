#!/usr/bin/env python3
"""Evaluate proposals with libmprisk from Python (examples/python/mprisk.py).

    python3 examples/python/evaluate.py RULES_DIR PROPOSAL...

Prints one line per activity and exits 0 if every proposal passes, 1 if one
does not, 2 on an input error (the library's FILE:LINE:COL message).
Set MPRISK_LIB to the library's path when it is not installed.
"""
import sys

import mprisk


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    status = 0
    try:
        with mprisk.Ruleset(argv[1]) as rules:
            for path in argv[2:]:
                with open(path, encoding="utf-8") as f:
                    result = rules.evaluate(f.read(), path)
                for a in result["activities"]:
                    print(f"{path}: {a['id']}: {a['country']} x {a['measure']}: {a['verdict']}")
                print(f"{path}: {result['verdict']}, passes: {result['passes']}")
                if not result["passes"]:
                    status = 1
    except mprisk.MprError as e:
        print(e, file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
