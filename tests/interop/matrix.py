#!/usr/bin/python3
"""Summarise probe-all.sh output as a matrix.

usage: matrix.py FILE.tsv   (lines: set, program, mode, endpoint, verdict, reason)

One row per set, one column per client and mode; each cell holds one letter per
endpoint, in the order the endpoints first appear: A accept, R reject, E error,
. not run. Server start lines are shown as "pg:A my:R" at the end of the row.
"""
import collections
import sys

CLIENTS = ("client:libpq", "client:mariadb", "client:python", "client:go")
MODES = ("verify-ca", "verify-full")


def main():
    rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[1]) if line.strip()]
    endpoints, cells, servers = [], collections.OrderedDict(), collections.defaultdict(dict)
    for r in rows:
        if len(r) < 5:
            continue
        sset, prog, mode, ep, verdict = r[:5]
        cells.setdefault(sset, {})
        if prog.startswith("server:"):
            servers[sset][prog] = verdict[0].upper()
            continue
        if ep not in endpoints:
            endpoints.append(ep)
        cells[sset][(prog, mode, ep)] = verdict[0].upper()
    print("endpoints:", " ".join(endpoints))
    cols = [(p, m) for p in CLIENTS for m in MODES]
    width = max([len(s) for s in cells] + [4]) + 2
    print("set".ljust(width) + " ".join(
        (p.split(":")[1][:6] + "/" + ("ca" if m == "verify-ca" else "full")).ljust(max(len(endpoints), 11))
        for p, m in cols) + " servers")
    for sset, vals in cells.items():
        line = sset.ljust(width) + " ".join(
            "".join(vals.get((p, m, e), ".") for e in endpoints).ljust(max(len(endpoints), 11)) for p, m in cols)
        srv = servers.get(sset, {})
        line += " pg:%s my:%s" % (srv.get("server:postgresql", "."), srv.get("server:mariadb", "."))
        print(line)


if __name__ == "__main__":
    main()
