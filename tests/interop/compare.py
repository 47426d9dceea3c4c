#!/usr/bin/env python3
"""Compare what certgate predicts with what probe.sh measured.

usage: compare.py --sets SETS.tsv --out DIR [--table FILE] [--clients LIST] [SET...]

For each SET (default: every set in SETS.tsv) it reads, from DIR/sets/SET/:

    probe.tsv      probe.sh's stdout (program, mode, endpoint, verdict, reason)
    probe.rc       probe.sh's exit status (0, 1 = some line is an error, 2, 124 = killed)
    certgate.json  `certgate -f json -e ... server.crt server.key server-ca.crt`
    certgate.rc    certgate's exit status (0-2 = it ran, 3 = could not run)
    seconds        wall time of the set (optional, shown in the table)

and prints the agreement table, every disagreement and harness error in
detail, and per-program totals (also written to --table FILE). Exit status:
0 when every comparison agrees, 1 on any disagreement or harness error,
2 on bad usage.

The comparison itself (compare_set) is pure: it takes the parsed
observations and certgate's JSON document and returns Comparison records.
Python 3 standard library only.
"""
import argparse
import collections
import ipaddress
import json
import os
import sys

# Real programs probe.sh runs, and the server each client talks to. Clients
# not in CLIENTS (--clients) are "model only": certgate predicts them, nothing
# here measures them.
SERVERS = ("postgresql", "mariadb")
CLIENTS = ("libpq", "mariadb", "python", "go", "pgjdbc")
CLIENT_SERVER = {"libpq": "postgresql", "python": "postgresql", "go": "postgresql",
                 "pgjdbc": "postgresql", "mariadb": "mariadb"}
MODES = ("verify-ca", "verify-full")



def set_clients(clients):
    """Choose the measured clients; sets CLIENTS, COLUMNS and WIDTHS."""
    global CLIENTS, COLUMNS, WIDTHS
    CLIENTS = tuple(clients)
    # Table columns: (program, mode); servers have mode "start".
    COLUMNS = [("server:" + s, "start") for s in SERVERS] + \
              [("client:" + c, m) for c in CLIENTS for m in MODES]
    # Cell widths of those columns in the table.
    WIDTHS = [12, 10] + [5, 6] * len(CLIENTS)


set_clients(CLIENTS)

AGREE, DISAGREE, NA, ERROR = "agree", "disagree", "n/a", "error"

# Set flags (third column of sets.tsv).
KNOWN_FLAGS = {"null-ok"}


class Comparison:
    """One comparison (or one thing that could not be compared).

    status: agree | disagree | n/a | error. observed: "accept", "reject",
    "error" or None (nothing observed); predicted: "accept", "reject", "null"
    (certgate cannot judge it) or None (no prediction at all). note: why it is n/a or an error, when that is not obvious.
    """
    __slots__ = ("set", "program", "mode", "endpoint", "status", "observed", "obs_reason",
                 "predicted", "pred_reason", "note")

    def __init__(self, sset, program, mode, endpoint, status, observed=None, obs_reason="",
                 predicted=None, pred_reason="", note=""):
        self.set, self.program, self.mode, self.endpoint = sset, program, mode, endpoint
        self.status, self.observed, self.obs_reason = status, observed, obs_reason
        self.predicted, self.pred_reason, self.note = predicted, pred_reason, note

    def __repr__(self):
        return "Comparison(%s %s %s %s: %s obs=%s pred=%s %s)" % (
            self.set, self.program, self.mode, self.endpoint, self.status, self.observed,
            self.predicted, self.note)


# ---------------------------------------------------------------- inputs

def read_sets(path):
    """sets.tsv -> ordered list of (set, [endpoints], {flags}). Raises ValueError."""
    sets, seen = [], set()
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) not in (2, 3) or not cols[0] or not cols[1]:
                raise ValueError("%s:%d: want set<TAB>endpoint[,endpoint...][<TAB>flags]" % (path, no))
            name, eps = cols[0], [e for e in cols[1].split(",") if e]
            flags = set(cols[2].split(",")) - {""} if len(cols) == 3 else set()
            if flags - KNOWN_FLAGS:
                raise ValueError("%s:%d: unknown flag(s) %s" % (path, no, ",".join(sorted(flags - KNOWN_FLAGS))))
            if name in seen:
                raise ValueError("%s:%d: set %s listed twice" % (path, no, name))
            if not eps:
                raise ValueError("%s:%d: set %s has no endpoint" % (path, no, name))
            seen.add(name)
            sets.append((name, eps, flags))
    return sets


def parse_probe(text):
    """probe.sh stdout -> (observations, problems).

    observations: list of dicts program/mode/endpoint/verdict/reason.
    problems: lines that are not five tab-separated fields with a known verdict.
    """
    obs, problems = [], []
    for line in text.splitlines():
        if not line.strip():
            continue
        f = line.split("\t")
        if len(f) != 5 or f[3] not in ("accept", "reject", "error") or ":" not in f[0]:
            problems.append("unparsable probe line: %r" % line[:200])
            continue
        obs.append({"program": f[0], "mode": f[1], "endpoint": f[2], "verdict": f[3], "reason": f[4]})
    return obs, problems


def norm_host(h):
    """An endpoint as certgate reports it: lower case, IPv6 without brackets, canonical IP form."""
    h = h.strip().lower()
    if h.startswith("[") and h.endswith("]"):
        h = h[1:-1]
    try:
        return ipaddress.ip_address(h).compressed
    except ValueError:
        return h


def verdict_of(accept):
    return {True: "accept", False: "reject"}.get(accept)


def predictions(doc):
    """certgate's JSON document -> (servers, clients, problem).

    servers: {name: (accept, reason)}; clients: {(client, mode, endpoint|None): (accept, reason)}
    with accept True/False/None. problem: a string when the document is unusable
    (then servers and clients are empty). "acceptance": null gives (None, None, None):
    every prediction is null.
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("bundles"), list):
        return {}, {}, "certgate's JSON has no bundles[] array"
    bundles = doc["bundles"]
    if len(bundles) != 1:
        return {}, {}, "certgate's JSON has %d bundles, expected exactly 1" % len(bundles)
    if not isinstance(bundles[0], dict) or "acceptance" not in bundles[0]:
        return {}, {}, "certgate's bundle has no \"acceptance\" member"
    acc = bundles[0]["acceptance"]
    if acc is None:  # certgate cannot judge anything (e.g. no certificate it could read)
        return None, None, None
    if not isinstance(acc, dict):
        return {}, {}, "certgate's \"acceptance\" is neither an object nor null"
    servers, clients, dups = {}, {}, []
    for s in acc.get("servers") or []:
        if not isinstance(s, dict) or "server" not in s or "accept" not in s:
            return {}, {}, "malformed acceptance.servers entry: %r" % (s,)
        if s["server"] in servers:
            dups.append("server " + s["server"])
        servers[s["server"]] = (s["accept"], s.get("reason") or "")
    for c in acc.get("clients") or []:
        if not isinstance(c, dict) or not {"client", "mode", "accept"} <= set(c):
            return {}, {}, "malformed acceptance.clients entry: %r" % (c,)
        ep = c.get("endpoint")
        if c["mode"] == "verify-ca":
            ep = None
        elif ep is None:
            return {}, {}, "verify-full entry without an endpoint: %r" % (c,)
        key = (c["client"], c["mode"], None if ep is None else norm_host(ep))
        if key in clients:
            dups.append("client %s %s %s" % key)
        clients[key] = (c["accept"], c.get("reason") or "")
    for v in list(servers.values()) + list(clients.values()):
        if v[0] not in (True, False, None):
            return {}, {}, "accept must be true, false or null, got %r" % (v[0],)
    if dups:
        return {}, {}, "duplicate acceptance entries: " + ", ".join(dups)
    return servers, clients, None


# ---------------------------------------------------------------- comparison

def _judge(sset, program, mode, ep, obs, pred, null_ok):
    """Compare one observation with one prediction (accept, reason) or None (missing)."""
    if obs["verdict"] == "error":
        return Comparison(sset, program, mode, ep, ERROR, "error", obs["reason"],
                          note="probe.sh could not measure it")
    if pred is None:
        if null_ok:
            return Comparison(sset, program, mode, ep, NA, obs["verdict"], obs["reason"],
                              note="no prediction (set is null-ok)")
        return Comparison(sset, program, mode, ep, DISAGREE, obs["verdict"], obs["reason"],
                          None, "", note="certgate made no prediction for it")
    accept, reason = pred
    if accept is None:
        if null_ok:
            return Comparison(sset, program, mode, ep, NA, obs["verdict"], obs["reason"], "null", reason,
                              note="certgate cannot judge it (null; set is null-ok)")
        return Comparison(sset, program, mode, ep, DISAGREE, obs["verdict"], obs["reason"], "null", reason,
                          note="certgate cannot judge it (null)")
    p = verdict_of(accept)
    return Comparison(sset, program, mode, ep, AGREE if p == obs["verdict"] else DISAGREE,
                      obs["verdict"], obs["reason"], p, reason)


def compare_set(sset, endpoints, observations, doc, null_ok=False):
    """Compare one set. Returns a list of Comparison.

    endpoints: the endpoints probe.sh and certgate were given. observations: from
    parse_probe. doc: certgate's parsed JSON, or None when certgate failed.
    A set-level problem (no JSON, no acceptance) makes every observation an error.
    """
    out = []
    servers, clients, problem = predictions(doc) if doc is not None else ({}, {}, "no certgate output")
    if problem:
        return [Comparison(sset, "-", "-", "-", ERROR, note=problem)]
    if servers is None:  # "acceptance": null: every prediction is null
        def spred(_):
            return (None, "\"acceptance\": null")
        cpred = spred
    else:
        spred, cpred = servers.get, clients.get

    by_key = collections.defaultdict(list)
    for o in observations:
        if o["mode"] == "-":  # probe.sh could not map the endpoint
            out.append(Comparison(sset, o["program"], "-", o["endpoint"], ERROR, "error", o["reason"],
                                  note="probe.sh could not use this endpoint"))
            continue
        by_key[(o["program"], o["mode"])].append(o)

    # Servers: exactly one start line each.
    started = {}
    for s in SERVERS:
        prog = "server:" + s
        lines = by_key.pop((prog, "start"), [])
        if len(lines) != 1:
            out.append(Comparison(sset, prog, "start", "-", ERROR,
                                  note="probe.sh printed %d start lines for it (want 1)" % len(lines)))
            started[s] = False
            continue
        o = lines[0]
        # A MariaDB running without TLS is a reject, but its clients were still probed.
        started[s] = o["verdict"] == "accept"
        out.append(_judge(sset, prog, "start", "-", o, spred(s), null_ok))

    # Clients.
    for c in CLIENTS:
        prog = "client:" + c
        for m in MODES:
            lines = by_key.pop((prog, m), [])
            if not lines:
                if started.get(CLIENT_SERVER[c]):
                    out.append(Comparison(sset, prog, m, "-", ERROR,
                                          note="the %s server started but probe.sh printed no %s line"
                                          % (CLIENT_SERVER[c], m)))
                else:
                    out.append(Comparison(sset, prog, m, "-", NA,
                                          note="the %s server did not start" % CLIENT_SERVER[c]))
                continue
            seen = [norm_host(o["endpoint"]) for o in lines]
            missing = [e for e in endpoints if norm_host(e) not in seen]
            if missing:
                out.append(Comparison(sset, prog, m, ",".join(missing), ERROR,
                                      note="probe.sh printed no line for these endpoints"))
            for o in lines:
                if m == "verify-ca":
                    pred = cpred((c, m, None))
                else:
                    pred = cpred((c, m, norm_host(o["endpoint"])))
                out.append(_judge(sset, prog, m, o["endpoint"], o, pred, null_ok))
            if m == "verify-ca":
                verdicts = {o["verdict"] for o in lines if o["verdict"] != "error"}
                if len(verdicts) > 1:
                    out.append(Comparison(sset, prog, m, "*", ERROR, note=(
                        "harness finding: verify-ca differs between endpoints: " +
                        ", ".join("%s=%s" % (o["endpoint"], o["verdict"]) for o in lines))))

    for (prog, m), lines in by_key.items():
        out.append(Comparison(sset, prog, m, ",".join(o["endpoint"] for o in lines), ERROR,
                              note="probe.sh printed a program/mode this comparer does not know"))
    return out


def model_only(doc, endpoints):
    """Predictions for programs nothing here measures: [(label, summary)].

    summary: one letter per verdict (A accept, R reject, ? null, - missing);
    clients as VERIFYCA/ONE-LETTER-PER-ENDPOINT.
    """
    servers, clients, problem = predictions(doc) if doc is not None else ({}, {}, "none")
    if problem or servers is None:
        return []
    letter = {True: "A", False: "R", None: "?"}
    res = []
    for s in sorted(set(servers) - set(SERVERS)):
        res.append(("server:" + s, letter[servers[s][0]]))
    for c in sorted({k[0] for k in clients} - set(CLIENTS)):
        ca = clients.get((c, "verify-ca", None))
        full = "".join(letter[clients[(c, "verify-full", norm_host(e))][0]]
                       if (c, "verify-full", norm_host(e)) in clients else "-" for e in endpoints)
        res.append(("client:" + c, "%s/%s" % (letter[ca[0]] if ca else "-", full)))
    return res


# ---------------------------------------------------------------- report

def cell(comps):
    """Table cell for the comparisons of one (set, column)."""
    st = {c.status for c in comps}
    if DISAGREE in st:
        return "X"
    if ERROR in st:
        return "E"
    if AGREE in st:
        return "="
    return "n/a"


def short(text, n=300):
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[:n - 3] + "..."


def render(results, set_meta):
    """results: [(set, [Comparison])]; set_meta: {set: {"seconds": float|None, "endpoints": [...],
    "model": [(label, summary)]}}. Returns (text, ok)."""
    lines = []
    w = max([len(s) for s, _ in results] + [3]) + 2
    head1 = "set".ljust(w) + "server:     server:   "
    head2 = "".ljust(w) + "postgresql  mariadb   "
    for c in CLIENTS:
        head1 += c.ljust(11)
        head2 += "ca   full  "
    head1 += "time"
    lines += [head1.rstrip(), head2.rstrip()]
    for sset, comps in results:
        bycol = collections.defaultdict(list)
        for c in comps:
            bycol[(c.program, c.mode)].append(c)
        set_err = any(c.program == "-" and c.status == ERROR for c in comps)
        row = sset.ljust(w)
        for i, col in enumerate(COLUMNS):
            v = cell(bycol[col]) if bycol[col] else ("E" if set_err else "n/a")
            row += v.ljust(WIDTHS[i])
        secs = set_meta.get(sset, {}).get("seconds")
        row += "%5.1fs" % secs if secs is not None else "    -"
        lines.append(row.rstrip())
    lines.append("")
    lines.append("= agree   X disagree   E harness error (see below)   n/a not compared "
                 "(the client's server did not start, or null on a null-ok set)")

    dis = [c for _, comps in results for c in comps if c.status == DISAGREE]
    errs = [c for _, comps in results for c in comps if c.status == ERROR]
    lines.append("")
    # Endpoints with the same outcome, messages and reasons are listed together.
    groups = collections.OrderedDict()
    for c in dis:
        k = (c.set, c.program, c.mode, c.observed, c.obs_reason, c.predicted, c.pred_reason, c.note)
        groups.setdefault(k, []).append(c)
    lines.append("DISAGREEMENTS: %d" % len(dis))
    for g in groups.values():
        c = g[0]
        lines.append("  %s  %s %s %s%s" % (c.set, c.program, c.mode, " ".join(x.endpoint for x in g),
                                         ("  (" + c.note + ")") if c.note else ""))
        lines.append("      observed:  %-7s %s" % (c.observed, short(c.obs_reason)))
        lines.append("      predicted: %-7s %s" % (c.predicted or "(none)",
                                                   short(c.pred_reason)))
    lines.append("")
    lines.append("HARNESS ERRORS: %d" % len(errs))
    for c in errs:
        lines.append("  %s  %s %s %s: %s%s" % (c.set, c.program, c.mode, c.endpoint, c.note,
                                              (": " + short(c.obs_reason)) if c.obs_reason else ""))

    lines.append("")
    lines.append("TOTALS (agree / compared, n/a, harness errors)")
    tot = collections.OrderedDict((p, [0, 0, 0, 0]) for p, _ in COLUMNS)
    for _, comps in results:
        for c in comps:
            t = tot.setdefault(c.program, [0, 0, 0, 0])
            if c.status == AGREE:
                t[0] += 1
                t[1] += 1
            elif c.status == DISAGREE:
                t[1] += 1
            elif c.status == NA:
                t[2] += 1
            else:
                t[3] += 1
    allt = [sum(t[i] for t in tot.values()) for i in range(4)]
    for p, t in list(tot.items()) + [("all", allt)]:
        lines.append("  %-18s %4d / %-4d  n/a %-4d errors %d" % (p, t[0], t[1], t[2], t[3]))

    model = [(s, set_meta.get(s, {}).get("model") or []) for s, _ in results]
    if any(m for _, m in model):
        lines.append("")
        lines.append("MODEL ONLY (predicted by certgate, no real program here to measure; "
                     "A accept, R reject, ? null; clients verify-ca/verify-full per endpoint)")
        for s, m in model:
            if m:
                lines.append("  " + s.ljust(w) + "  ".join("%s %s" % x for x in m))
    return "\n".join(lines) + "\n", not dis and not errs


# ---------------------------------------------------------------- main

def load_set(outdir, sset):
    """Read one set's files from OUTDIR/sets/SET. Returns (observations, doc, problems, seconds)."""
    d = os.path.join(outdir, "sets", sset)
    problems = []

    def read(name):
        try:
            with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return None

    def rc(name):
        t = read(name)
        try:
            return int(t.strip())
        except (AttributeError, ValueError):
            return None

    if read("skipped") is not None:
        return [], None, ["not run: " + read("skipped").strip()], None
    probe_text = read("probe.tsv")
    prc = rc("probe.rc")
    if probe_text is None or prc is None:
        problems.append("probe.sh output missing")
        probe_text = ""
    elif prc not in (0, 1):
        err = (read("probe.err") or "").strip().splitlines()
        problems.append("probe.sh exited %s%s: %s" % (
            prc, " (killed by the per-set time limit)" if prc in (124, 137) else "",
            short(err[-1] if err else "(no message)", 200)))
    obs, bad = parse_probe(probe_text)
    problems += bad
    doc = None
    crc = rc("certgate.rc")
    cj = read("certgate.json")
    if crc is None or cj is None:
        problems.append("certgate output missing")
    elif crc not in (0, 1, 2):
        problems.append("certgate exited %d: %s" % (crc, short(read("certgate.err") or "", 200)))
    else:
        try:
            doc = json.loads(cj)
        except ValueError as e:
            problems.append("certgate printed no valid JSON: %s" % e)
    secs = read("seconds")
    try:
        secs = float(secs) if secs is not None else None
    except ValueError:
        secs = None
    return obs, doc, problems, secs


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare certgate's predictions with probe.sh's observations.")
    ap.add_argument("--sets", required=True, help="sets.tsv")
    ap.add_argument("--out", required=True, help="the output dir run.sh wrote (OUT/sets/SET/...)")
    ap.add_argument("--table", help="also write the report to this file")
    ap.add_argument("--clients", default=",".join(CLIENTS),
                    help="clients probe.sh measured (default %(default)s); others are model only")
    ap.add_argument("set", nargs="*", help="sets to report (default: all in --sets)")
    a = ap.parse_args(argv)
    clients = [c for c in a.clients.split(",") if c]
    bad = [c for c in clients if c not in CLIENT_SERVER]
    if bad:
        print("compare.py: unknown client(s): %s" % " ".join(bad), file=sys.stderr)
        return 2
    set_clients(clients)
    try:
        sets = read_sets(a.sets)
    except (OSError, ValueError) as e:
        print("compare.py: %s" % e, file=sys.stderr)
        return 2
    known = {s[0]: s for s in sets}
    unknown = [s for s in a.set if s not in known]
    if unknown:
        print("compare.py: not in %s: %s" % (a.sets, " ".join(unknown)), file=sys.stderr)
        return 2
    chosen = [known[s] for s in a.set] if a.set else sets

    results, meta = [], {}
    for name, eps, flags in chosen:
        obs, doc, problems, secs = load_set(a.out, name)
        comps = [Comparison(name, "-", "-", "-", ERROR, note=p) for p in problems]
        if doc is not None and (obs or not problems):
            comps += compare_set(name, eps, obs, doc, "null-ok" in flags)
        results.append((name, comps))
        meta[name] = {"seconds": secs, "model": model_only(doc, eps) if doc is not None else []}
    text, ok = render(results, meta)
    sys.stdout.write(text)
    if a.table:
        with open(a.table, "w", encoding="utf-8") as f:
            f.write(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
