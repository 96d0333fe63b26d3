#!/usr/bin/env python3
"""Time mprisk monitor and evaluate --experience on a large synthetic
partnership (docs/performance.md, "Monitoring"): a proposal of 2000
activities and 400 rounds of 50 activities each finding 25 observations
(10 000 in all). A program, not a test: it prints figures.

    python3 test/bench/monitoring.py [BUILD]
"""
import datetime
import os
import random
import resource
import subprocess
import sys
import time


def write(out):
    random.seed(7)
    n_act = 2000
    with open(os.path.join(out, "big-proposal.yaml"), "w") as f:
        f.write("partnership: {id: big, country: MA, parties: [NL, MA]}\nactivities:\n")
        for i in range(n_act):
            f.write("  - {id: a%d, measure: asylum-system-strengthening, safeguards: "
                    "[reporting-obligations, defined-monitoring-content, suspension-clause]}\n" % i)
    kinds = ["violence", "arbitrary-detention", "collective-expulsion", "denied-access-to-asylum",
             "pushback"]
    severities = ["isolated", "recurring", "structural", "grave"]
    start = datetime.date(2027, 1, 1)
    with open(os.path.join(out, "big-observations.yaml"), "w") as f:
        f.write("partnership: big\nproposal: big-proposal.yaml\nstart: 2027-01-01\nrounds:\n")
        oid = 0
        for r in range(400):
            day = start + datetime.timedelta(days=2 * r)
            covered = random.sample(range(n_act), 50)
            obs = []
            for _ in range(25):
                due = (day + datetime.timedelta(days=30)).isoformat()
                obs.append('{id: o%d, activity: a%d, kind: %s, severity: %s, evidence: "report %d", '
                           'follow_up: {due: %s, status: open}}'
                           % (oid, random.choice(covered), random.choice(kinds),
                              random.choice(severities), oid, due))
                oid += 1
            f.write("  - {date: %s, body: {name: UNHCR, independent: true, local_access: true}, "
                    "activities: [%s], observations: [%s]}\n"
                    % (day.isoformat(), ", ".join("a%d" % c for c in covered), ", ".join(obs)))


def run(args):
    best = None
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, check=False)
        best = min(best or 1e9, time.perf_counter() - t)
    return best


def main(build):
    out = os.path.join(build, "bench")
    os.makedirs(out, exist_ok=True)
    write(out)
    mprisk = os.path.join(build, "mprisk")
    p, o = os.path.join(out, "big-proposal.yaml"), os.path.join(out, "big-observations.yaml")
    rows = [("evaluate the proposal alone", [mprisk, "evaluate", p]),
            ("monitor, text", [mprisk, "monitor", "--as-of", "2028-06-30", p, o]),
            ("monitor, json", [mprisk, "monitor", "--format", "json", "--as-of", "2028-06-30", p, o]),
            ("monitor, html", [mprisk, "monitor", "--format", "html", "--as-of", "2028-06-30", p, o]),
            ("evaluate --experience", [mprisk, "evaluate", "--experience", o, "--as-of", "2028-06-30", p])]
    print("2000 activities, 400 rounds, 10000 observations (best of 3, wall clock)")
    for name, args in rows:
        print("  %-28s %6.2f s" % (name, run(args)))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print("  peak resident size of a run: %d MiB" % (peak // 1024))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "build")
