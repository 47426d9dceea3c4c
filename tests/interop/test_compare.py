#!/usr/bin/env python3
"""Unit tests for compare.py: python3 tests/interop/test_compare.py (stdlib unittest)."""
import json
import os
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

RM = "rm-bp1abc123.mysql.rds.aliyuncs.com"
EPS = [RM, "127.0.0.1", "::1"]
NCELLS = 2 + 2 * len(compare.CLIENTS)  # table cells per set


def probe_lines(server_pg="accept", server_my="accept", verdicts=None, eps=EPS):
    """probe.sh-like TSV. verdicts: {(client, mode, ep): verdict}, default accept."""
    verdicts = verdicts or {}
    out = ["server:postgresql\tstart\t-\t%s\tstarted" % server_pg,
           "server:mariadb\tstart\t-\t%s\tstarted" % server_my]
    for ep in eps:
        for mode in compare.MODES:
            for c in compare.CLIENTS:
                up = server_my if c == "mariadb" else server_pg
                if up != "accept":
                    continue
                v = verdicts.get((c, mode, ep), "accept")
                out.append("client:%s\t%s\t%s\t%s\tmsg %s %s" % (c, mode, ep, v, c, v))
    return "\n".join(out) + "\n"


def doc(servers=None, clients=None, eps=EPS, extra_clients=()):
    """certgate-like JSON. servers/clients: overrides {name: accept} / {(c, mode, ep|None): accept}."""
    servers = servers or {}
    clients = clients or {}
    sv = [{"server": s, "accept": servers.get(s, True), "reason": "why " + s}
          for s in ("postgresql", "mariadb", "mysql")]
    cl = []
    for c in list(compare.CLIENTS) + list(extra_clients):
        cl.append({"client": c, "mode": "verify-ca", "endpoint": None,
                   "accept": clients.get((c, "verify-ca", None), True), "reason": "ca " + c})
        for ep in eps:
            cl.append({"client": c, "mode": "verify-full", "endpoint": compare.norm_host(ep),
                       "accept": clients.get((c, "verify-full", ep), True), "reason": "full %s %s" % (c, ep)})
    return {"bundles": [{"acceptance": {"servers": sv, "clients": cl}}]}


def run(text, d, null_ok=False, eps=EPS):
    obs, bad = compare.parse_probe(text)
    assert not bad, bad
    return compare.compare_set("s", eps, obs, d, null_ok)


def statuses(comps):
    return sorted({c.status for c in comps})


class CompareTest(unittest.TestCase):
    def test_all_agree(self):
        comps = run(probe_lines(), doc())
        self.assertEqual(statuses(comps), ["agree"])
        # 2 servers + clients x 2 modes x 3 endpoints
        self.assertEqual(len(comps), 2 + len(compare.CLIENTS) * 2 * 3)

    def test_full_disagreement_is_per_endpoint(self):
        comps = run(probe_lines(verdicts={("go", "verify-full", "::1"): "reject"}), doc())
        dis = [c for c in comps if c.status == "disagree"]
        self.assertEqual(len(dis), 1)
        self.assertEqual((dis[0].program, dis[0].mode, dis[0].endpoint, dis[0].observed, dis[0].predicted),
                         ("client:go", "verify-full", "::1", "reject", "accept"))
        self.assertEqual(dis[0].obs_reason, "msg go reject")
        self.assertEqual(dis[0].pred_reason, "full go ::1")

    def test_verify_ca_single_prediction_for_all_endpoints(self):
        comps = run(probe_lines(verdicts={("libpq", "verify-ca", e): "reject" for e in EPS}),
                    doc(clients={("libpq", "verify-ca", None): False}))
        self.assertEqual(statuses(comps), ["agree"])

    def test_verify_ca_differing_between_endpoints_is_a_harness_finding(self):
        comps = run(probe_lines(verdicts={("python", "verify-ca", "::1"): "reject"}), doc())
        self.assertIn("disagree", statuses(comps))
        self.assertTrue(any(c.status == "error" and "differs between endpoints" in c.note for c in comps))

    def test_server_down_clients_na(self):
        comps = run(probe_lines(server_pg="reject"), doc(servers={"postgresql": False}))
        pg_clients = [c for c in comps if c.program in ("client:libpq", "client:python", "client:go")]
        self.assertEqual({c.status for c in pg_clients}, {"n/a"})
        self.assertEqual(len(pg_clients), 6)  # one n/a per client and mode
        self.assertEqual({c.status for c in comps if c.program == "client:pgjdbc"}, {"n/a"})
        self.assertEqual(statuses([c for c in comps if c.program.startswith("server:")]), ["agree"])

    def test_server_disagreement(self):
        comps = run(probe_lines(server_my="reject"), doc())
        c = [c for c in comps if c.program == "server:mariadb"][0]
        self.assertEqual((c.status, c.observed, c.predicted), ("disagree", "reject", "accept"))

    def test_null_is_disagreement_unless_null_ok(self):
        d = doc(servers={"postgresql": None})
        c = [c for c in run(probe_lines(), d) if c.program == "server:postgresql"][0]
        self.assertEqual((c.status, c.predicted), ("disagree", "null"))
        c = [c for c in run(probe_lines(), d, null_ok=True) if c.program == "server:postgresql"][0]
        self.assertEqual(c.status, "n/a")

    def test_missing_prediction_is_disagreement(self):
        d = doc(eps=[RM, "127.0.0.1"])  # nothing for ::1
        dis = [c for c in run(probe_lines(), d) if c.status == "disagree"]
        self.assertEqual({(c.endpoint, c.mode) for c in dis}, {("::1", "verify-full")})
        self.assertEqual(len(dis), len(compare.CLIENTS))

    def test_endpoint_normalisation(self):
        d = doc(eps=["RM-BP1ABC123.mysql.rds.aliyuncs.com", "127.0.0.1", "[::1]"])
        self.assertEqual(statuses(run(probe_lines(), d)), ["agree"])
        self.assertEqual(compare.norm_host("[0:0::1]"), "::1")

    def test_observed_error_is_harness_error(self):
        text = probe_lines().replace("client:go\tverify-full\t::1\taccept", "client:go\tverify-full\t::1\terror")
        errs = [c for c in run(text, doc()) if c.status == "error"]
        self.assertEqual(len(errs), 1)
        self.assertEqual(errs[0].program, "client:go")

    def test_missing_client_lines_while_server_up(self):
        text = "".join(l + "\n" for l in probe_lines().splitlines() if not l.startswith("client:python"))
        errs = [c for c in run(text, doc()) if c.status == "error"]
        self.assertEqual({(c.program, c.mode) for c in errs},
                         {("client:python", "verify-ca"), ("client:python", "verify-full")})

    def test_missing_endpoint_lines(self):
        text = "".join(l + "\n" for l in probe_lines().splitlines()
                       if not (l.startswith("client:go\tverify-full\t::1")))
        errs = [c for c in run(text, doc()) if c.status == "error"]
        self.assertEqual([(c.program, c.mode, c.endpoint) for c in errs], [("client:go", "verify-full", "::1")])

    def test_unresolvable_endpoint_line(self):
        text = probe_lines() + "client:libpq\t-\tbad.example\terror\tharness: did not resolve\n"
        errs = [c for c in run(text, doc()) if c.status == "error"]
        self.assertEqual(len(errs), 1)

    def test_bad_documents(self):
        obs, _ = compare.parse_probe(probe_lines())
        for d, want in [({}, "no bundles"), ({"bundles": []}, "0 bundles"),
                        ({"bundles": [{}, {}]}, "2 bundles"), ({"bundles": [{"cert": {}}]}, "no \"acceptance\""),
                        ({"bundles": [{"acceptance": []}]}, "neither an object nor null"),
                        ({"bundles": [{"acceptance": {"servers": [{"server": "x", "accept": "yes"}]}}]},
                         "true, false or null")]:
            comps = compare.compare_set("s", EPS, obs, d)
            self.assertEqual(len(comps), 1)
            self.assertEqual(comps[0].status, "error")
            self.assertIn(want, comps[0].note)

    def test_acceptance_null_is_all_null(self):
        d = {"bundles": [{"cert": {}, "acceptance": None}]}
        comps = run(probe_lines(server_pg="reject", server_my="reject"), d)
        srv = [c for c in comps if c.program.startswith("server:")]
        self.assertEqual([(c.status, c.predicted) for c in srv], [("disagree", "null")] * 2)
        self.assertIn("null", srv[0].note)
        self.assertEqual({c.status for c in comps if c.program.startswith("client:")}, {"n/a"})
        comps = run(probe_lines(server_pg="reject", server_my="reject"), d, null_ok=True)
        self.assertEqual({c.status for c in comps}, {"n/a"})
        self.assertEqual(compare.model_only(d, EPS), [])

    def test_duplicate_prediction(self):
        d = doc()
        d["bundles"][0]["acceptance"]["servers"].append({"server": "mariadb", "accept": True})
        comps = run(probe_lines(), d)
        self.assertEqual(comps[0].status, "error")
        self.assertIn("duplicate", comps[0].note)

    def test_parse_probe_rejects_garbage(self):
        _, bad = compare.parse_probe("server:postgresql\tstart\t-\tmaybe\tx\nnot a line\n")
        self.assertEqual(len(bad), 2)

    def test_mariadb_without_tls_still_compares_clients(self):
        text = probe_lines(server_my="reject").splitlines()
        # probe.sh still probes the clients of a MariaDB running without TLS
        text += ["client:mariadb\t%s\t%s\treject\tconnected WITHOUT TLS" % (m, e) for e in EPS for m in compare.MODES]
        d = doc(servers={"mariadb": False},
                clients={("mariadb", m, e if m == "verify-full" else None): False
                         for e in EPS for m in compare.MODES})
        comps = run("\n".join(text) + "\n", d)
        my = [c for c in comps if c.program == "client:mariadb"]
        self.assertEqual({c.status for c in my}, {"agree"})
        self.assertEqual(len(my), 6)

    def test_model_only(self):
        d = doc(extra_clients=("connector-j", "mysql"),
                clients={("connector-j", "verify-full", "::1"): False, ("mysql", "verify-ca", None): None})
        self.assertEqual(compare.model_only(d, EPS),
                         [("server:mysql", "A"), ("client:connector-j", "A/AAR"), ("client:mysql", "?/AAA")])

    def test_clients_option_makes_pgjdbc_model_only(self):
        try:
            compare.set_clients(["libpq", "mariadb", "python", "go"])
            text = "".join(l + "\n" for l in probe_lines().splitlines() if "pgjdbc" not in l)
            self.assertEqual(statuses(run(text, doc(extra_clients=("pgjdbc",)))), ["agree"])
            self.assertIn(("client:pgjdbc", "A/AAA"), compare.model_only(doc(extra_clients=("pgjdbc",)), EPS))
        finally:
            compare.set_clients(["libpq", "mariadb", "python", "go", "pgjdbc"])

    def test_render_and_exit(self):
        ok_res = [("a", run(probe_lines(), doc()))]
        text, ok = compare.render(ok_res, {"a": {"seconds": 2.5}})
        self.assertTrue(ok)
        self.assertIn("DISAGREEMENTS: 0", text)
        row = [l for l in text.splitlines() if l.startswith("a ")][0]
        self.assertEqual(row.split(), ["a"] + ["="] * NCELLS + ["2.5s"])
        bad = [("b", run(probe_lines(verdicts={("go", "verify-full", RM): "reject"}), doc()))]
        text, ok = compare.render(bad, {})
        self.assertFalse(ok)
        row = [l for l in text.splitlines() if l.startswith("b ")][0]
        self.assertEqual(row.split()[1:NCELLS + 1], ["="] * 9 + ["X"] + ["="] * (NCELLS - 10))
        self.assertIn("observed:  reject  msg go reject", text)
        self.assertIn("predicted: accept  full go " + RM, text)

    def test_main_reads_run_output(self):
        with tempfile.TemporaryDirectory() as t:
            with open(os.path.join(t, "sets.tsv"), "w") as f:
                f.write("# comment\n\ngood\t%s\nbroken\t%s\nskipped\t%s\tnull-ok\n" % ((",".join(EPS),) * 3))
            for name, files in {
                "good": {"probe.tsv": probe_lines(), "probe.rc": "0", "certgate.json": json.dumps(doc()),
                         "certgate.rc": "1", "seconds": "2.0"},
                "broken": {"probe.tsv": probe_lines(), "probe.rc": "0", "certgate.json": "",
                           "certgate.rc": "3", "certgate.err": "certgate: boom"},
                "skipped": {"skipped": "time limit"},
            }.items():
                os.makedirs(os.path.join(t, "sets", name))
                for fn, content in files.items():
                    with open(os.path.join(t, "sets", name, fn), "w") as f:
                        f.write(content)
            table = os.path.join(t, "table.txt")
            devnull = open(os.devnull, "w")
            old, sys.stdout = sys.stdout, devnull
            try:
                rc_good = compare.main(["--sets", os.path.join(t, "sets.tsv"), "--out", t, "good"])
                rc_all = compare.main(["--sets", os.path.join(t, "sets.tsv"), "--out", t, "--table", table])
                rc_bad = compare.main(["--sets", os.path.join(t, "sets.tsv"), "--out", t, "nosuch"])
            finally:
                sys.stdout = old
                devnull.close()
            self.assertEqual((rc_good, rc_all, rc_bad), (0, 1, 2))
            with open(table) as f:
                text = f.read()
            self.assertIn("certgate exited 3: certgate: boom", text)
            self.assertIn("not run: time limit", text)
            rows = {l.split()[0]: l.split()[1:] for l in text.splitlines()[2:5]}
            self.assertEqual(rows["broken"][:NCELLS], ["E"] * NCELLS)
            self.assertEqual(rows["skipped"][:NCELLS], ["E"] * NCELLS)

    def test_read_sets_errors(self):
        with tempfile.TemporaryDirectory() as t:
            p = os.path.join(t, "s.tsv")
            for content in ("a\n", "a\tx\na\ty\n", "a\tx\tbogus\n", "a\t,\n"):
                with open(p, "w") as f:
                    f.write(content)
                with self.assertRaises(ValueError):
                    compare.read_sets(p)


if __name__ == "__main__":
    unittest.main()
