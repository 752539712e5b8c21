#!/usr/bin/env python3
"""Helpers of bench/run.sh (standard library only).

  report.py pgbench <pgbench output> <per-transaction log prefix> <out.json>
      tps, latency percentiles and failures of one pgbench run.
  report.py report <results dir>
      reads meta.json and run-*/ of a results directory, prints the table (medians over the
      runs) and writes runs.csv, summary.csv, summary.json and chart.dat (for chart.gnuplot).
"""
import csv
import glob
import json
import os
import re
import statistics
import sys


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return None
    rank = max(1, -(-len(sorted_values) * p // 100))
    return sorted_values[int(rank) - 1]


def pgbench(text_path, log_prefix, out_path):
    text = open(text_path, encoding="utf-8", errors="replace").read()

    def number(pattern, kind=float):
        m = re.search(pattern, text)
        return kind(m.group(1)) if m else None

    latencies = []
    failed_in_log = 0
    for path in glob.glob(log_prefix + ".*"):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) < 3:
                    continue
                if parts[2].isdigit():
                    latencies.append(int(parts[2]))
                else:  # "failed" or "skipped"
                    failed_in_log += 1
    latencies.sort()
    aborted = len(re.findall(r"^client \d+ .*aborted", text, flags=re.MULTILINE))
    errors = (number(r"number of failed transactions: (\d+)", int) or 0) + aborted
    result = {
        "tps": number(r"tps = ([0-9.]+) \(without initial connection time\)"),
        "transactions": number(r"number of transactions actually processed: (\d+)", int),
        "errors": max(errors, failed_in_log),
        "aborted_clients": aborted,
        "latency_ms": {
            "average": number(r"latency average = ([0-9.]+) ms"),
            "p50": ms(percentile(latencies, 50)),
            "p90": ms(percentile(latencies, 90)),
            "p99": ms(percentile(latencies, 99)),
            "max": ms(latencies[-1] if latencies else None),
        },
        "first_error": first_error(text),
    }
    with open(out_path, "w") as f:
        json.dump(result, f)
        f.write("\n")


def ms(us):
    return None if us is None else round(us / 1000.0, 3)


def first_error(text):
    for line in text.splitlines():
        if "ERROR" in line or "aborted" in line or "FATAL" in line:
            return line.strip()[:300]
    return None


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def report(results):
    meta = load(os.path.join(results, "meta.json")) or {}
    scenarios = meta.get("scenarios", [])
    run_dirs = sorted(glob.glob(os.path.join(results, "run-*")), key=lambda d: int(d.rsplit("-", 1)[1]))
    selected = [s for s in scenarios
                if any(os.path.exists(os.path.join(d, f"preflight-{s['name']}.json")) for d in run_dirs)]

    rows = []  # one per run and scenario
    service_rows = []
    for run_dir in run_dirs:
        run = int(run_dir.rsplit("-", 1)[1])
        service = load(os.path.join(run_dir, "service.json")) or {}
        service_rows.append({"run": run, **{k: service.get(k) for k in (
            "ready_s", "spring_started_s", "spring_process_running_s", "peak_rss_mib", "rss_at_end_mib")},
            **gc_pauses(os.path.join(run_dir, "gc.log")),
            "http_ceiling_noauth_rps": (load(os.path.join(run_dir, "http-ceiling-noauth-c16.json")) or {}).get("rps")})
        for s in selected:
            name = s["name"]
            pre = load(os.path.join(run_dir, f"preflight-{name}.json")) or {}
            wrk = load(os.path.join(run_dir, f"wrk-{name}.json"))
            ceiling = load(os.path.join(run_dir, f"http-ceiling-c{s['connections']}.json"))
            db = load(os.path.join(run_dir, f"pgbench-{name}.json"))
            row = {"run": run, "scenario": name, "letter": s["letter"], "connections": s["connections"],
                   "items_per_request": s["items_per_request"]}
            if wrk:
                sock = wrk["socket_errors"]
                row.update({
                    "status": "ok",
                    "rps": round(wrk["rps"], 2),
                    "p50_ms": wrk["latency_us"]["p50"] / 1000.0,
                    "p90_ms": wrk["latency_us"]["p90"] / 1000.0,
                    "p99_ms": wrk["latency_us"]["p99"] / 1000.0,
                    "requests": wrk["requests"],
                    "errors": sock["connect"] + sock["read"] + sock["write"] + sock["timeout"]
                              + wrk["non2xx"] + wrk["rpc_errors"],
                    "socket_errors": sock["connect"] + sock["read"] + sock["write"] + sock["timeout"],
                    "non2xx": wrk["non2xx"],
                    "rpc_errors": wrk["rpc_errors"],
                    "http_429": wrk["statuses"].get("429", 0),
                    "statuses": " ".join(f"{k}:{v}" for k, v in sorted(wrk["statuses"].items())),
                })
                if "rows_created" in wrk:
                    ok_answers = sum(v for k, v in wrk["statuses"].items() if k.startswith("2"))
                    row["items_expected"] = ok_answers * s["items_per_request"]
                    row["rows_created"] = wrk["rows_created"]
            elif pre and not pre.get("ok", False):
                row["status"] = "skipped: " + pre.get("reason", "preflight failed")
            else:
                row["status"] = "no result"
            if ceiling:
                row["http_ceiling_rps"] = round(ceiling["rps"], 2)
                row["http_ceiling_p99_ms"] = ceiling["latency_us"]["p99"] / 1000.0
            if db:
                row["db_tps"] = db["tps"]
                row["db_p50_ms"] = db["latency_ms"]["p50"]
                row["db_p99_ms"] = db["latency_ms"]["p99"]
                row["db_errors"] = db["errors"]
            rows.append(row)

    run_fields = ["run", "scenario", "letter", "connections", "status", "rps", "p50_ms", "p90_ms", "p99_ms",
                  "requests", "errors", "socket_errors", "non2xx", "rpc_errors", "http_429", "statuses",
                  "items_expected", "rows_created",
                  "http_ceiling_rps", "http_ceiling_p99_ms", "db_tps", "db_p50_ms", "db_p99_ms", "db_errors",
                  "items_per_request"]
    with open(os.path.join(results, "runs.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=run_fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)

    numeric = ["rps", "p50_ms", "p90_ms", "p99_ms", "errors", "http_ceiling_rps", "db_tps", "db_p50_ms",
               "db_p99_ms", "db_errors"]
    summary = []
    for s in selected:
        mine = [r for r in rows if r["scenario"] == s["name"]]
        entry = {"scenario": s["name"], "letter": s["letter"], "connections": s["connections"],
                 "request": s["request"], "items_per_request": s["items_per_request"],
                 "runs_measured": sum(1 for r in mine if r.get("status") == "ok")}
        for k in numeric:
            entry[k] = median([r.get(k) for r in mine])
        entry["errors_total"] = sum(r.get("errors") or 0 for r in mine)
        entry["items_missing_total"] = sum(max(0, r["items_expected"] - r["rows_created"])
                                           for r in mine if "rows_created" in r)
        entry["http_429_total"] = sum(r.get("http_429") or 0 for r in mine)
        statuses = [r["status"] for r in mine if r.get("status") != "ok"]
        entry["status"] = "ok" if entry["runs_measured"] else (statuses[0] if statuses else "no result")
        if entry["runs_measured"] and statuses:
            entry["status"] = f"ok in {entry['runs_measured']} of {len(mine)} runs"
        entry["vs_http_ceiling"] = ratio(entry["rps"], entry["http_ceiling_rps"])
        entry["vs_db_ceiling"] = ratio(entry["rps"], entry["db_tps"])
        n = s["items_per_request"]
        if n > 1:
            entry["items_per_s"] = None if entry["rps"] is None else round(entry["rps"] * n, 1)
            entry["db_items_per_s"] = None if entry["db_tps"] is None else round(entry["db_tps"] * n, 1)
        summary.append(entry)

    service = {k: median([r.get(k) for r in service_rows]) for k in (
        "ready_s", "spring_started_s", "spring_process_running_s", "peak_rss_mib", "rss_at_end_mib",
        "gc_pauses", "gc_pause_total_ms", "gc_pause_max_ms", "http_ceiling_noauth_rps")}
    service["max_peak_rss_mib"] = max((r.get("peak_rss_mib") or 0 for r in service_rows), default=None)

    sum_fields = ["scenario", "letter", "connections", "status", "runs_measured", "rps", "p50_ms", "p90_ms",
                  "p99_ms", "errors", "errors_total", "items_missing_total", "http_429_total", "http_ceiling_rps", "vs_http_ceiling",
                  "db_tps", "vs_db_ceiling", "db_p50_ms", "db_p99_ms", "db_errors", "items_per_s",
                  "db_items_per_s", "request"]
    with open(os.path.join(results, "summary.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=sum_fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(summary)
    with open(os.path.join(results, "summary.json"), "w") as f:
        json.dump({"meta": meta, "service": service, "service_runs": service_rows, "scenarios": summary}, f,
                  indent=2)
        f.write("\n")

    with open(os.path.join(results, "chart.dat"), "w") as f:
        f.write("# label rps http_ceiling_rps db_tps p99_ms db_p99_ms\n")
        for e in summary:
            f.write('"%s) %s%s" %s %s %s %s %s\n' % (
                e["letter"], e["scenario"], "" if e["runs_measured"] else " (n/a)", dash(e["rps"]), dash(e["http_ceiling_rps"]), dash(e["db_tps"]),
                dash(e["p99_ms"]), dash(e["db_p99_ms"])))

    print_table(meta, service, summary)


def gc_pauses(path):
    """Pauses in a -Xlog:gc log: '[..][info][gc] GC(3) Pause Young (Normal) (...) 60M->12M(256M) 4.321ms'."""
    pauses = []
    try:
        with open(path) as f:
            for line in f:
                m = re.search(r"\bPause .* ([0-9.]+)ms\s*$", line)
                if m:
                    pauses.append(float(m.group(1)))
    except OSError:
        return {}
    return {"gc_pauses": len(pauses), "gc_pause_total_ms": round(sum(pauses), 1),
            "gc_pause_max_ms": round(max(pauses), 1) if pauses else 0.0}


def ratio(a, b):
    return None if a is None or not b else round(a / b, 4)


def dash(v):
    return "-" if v is None else ("%.3f" % v)


def fmt(v, pattern="{:,.0f}"):
    return "-" if v is None else pattern.format(v)


def pct(v):
    return "-" if v is None else "{:.1f}%".format(v * 100)


def print_table(meta, service, summary):
    runs = meta.get("runs", "?")
    print()
    print("Opportunities service benchmark  %s UTC  commit %s%s" % (
        meta.get("timestamp", "?"), meta.get("git_commit", "?"), " (+uncommitted changes)" if meta.get("git_dirty") else ""))
    print("JDK %s, %s threads, %s, pool %s; PostgreSQL %s (shared_buffers %s); %s x %s cores" % (
        meta.get("jdk", "?"), "virtual" if meta.get("virtual_threads") else "platform", meta.get("jvm_options"),
        meta.get("pool_size"), meta.get("postgres"), meta.get("postgres_shared_buffers"),
        meta.get("cpu", "?"), meta.get("cores", "?")))
    print("%s run(s), %s s per measurement after %s s warm-up per scenario; figures are medians over the runs" % (
        runs, meta.get("duration_s"), meta.get("warmup_s")))
    if meta.get("rate_limit_per_second"):
        print("Rate limit set to %s/s (burst %s) so that the benchmark never meets 429" % (
            fmt(meta.get("rate_limit_per_second")), fmt(meta.get("rate_limit_burst"))))
    else:
        print("Rate limiting turned off (CRM_RATE_LIMIT_PER_SECOND=0)")
    print("Startup: ready %s s after process start (Spring 'Started ... in %s s'); peak RSS %s MiB (max over runs %s MiB)" % (
        fmt(service.get("ready_s"), "{:.2f}"), fmt(service.get("spring_started_s"), "{:.2f}"),
        fmt(service.get("peak_rss_mib"), "{:.0f}"), fmt(service.get("max_peak_rss_mib"), "{:.0f}")))
    if service.get("http_ceiling_noauth_rps") is not None:
        print("HTTP ceiling without an Authorization header (no key lookup, no rate limit), 16 connections: %s req/s" % (
            fmt(service["http_ceiling_noauth_rps"])))
    if service.get("gc_pauses") is not None:
        print("GC (whole run, per run median): %s pauses, %s ms in total, longest %s ms" % (
            fmt(service["gc_pauses"]), fmt(service["gc_pause_total_ms"]), fmt(service["gc_pause_max_ms"], "{:.1f}")))
    if meta.get("data_load_s"):
        print("Data set loaded by generate.sql in %s s" % meta["data_load_s"])
    print()
    header = "%-26s %5s %9s %8s %8s %7s %10s %7s %9s %7s %8s" % (
        "scenario", "conns", "req/s", "p50 ms", "p99 ms", "errors", "HTTP ceil", "vs HTTP", "DB ceil", "vs DB",
        "DB p99")
    print(header)
    print("-" * len(header))
    for e in summary:
        label = "%s) %s" % (e["letter"], e["scenario"])
        db = "%9s %7s %8s" % (fmt(e["db_tps"]), pct(e["vs_db_ceiling"]), fmt(e["db_p99_ms"], "{:.2f}"))
        if e["runs_measured"]:
            print("%-26s %5d %9s %8s %8s %7s %10s %7s %s" % (
                label, e["connections"], fmt(e["rps"]), fmt(e["p50_ms"], "{:.2f}"), fmt(e["p99_ms"], "{:.2f}"),
                fmt(e["errors"]), fmt(e["http_ceiling_rps"]), pct(e["vs_http_ceiling"]), db))
        else:
            print("%-26s %5d %9s %8s %8s %7s %10s %7s %s" % (
                label, e["connections"], "-", "-", "-", "-", fmt(e["http_ceiling_rps"]), "-", db))
            print("%-26s       %s" % ("", e["status"].replace("skipped:", "NOT MEASURED:", 1)))
        if e["items_per_request"] > 1:
            measured = "= %s opportunities/s, " % fmt(e.get("items_per_s")) if e["runs_measured"] else ""
            print("%-26s       %s%d per request; DB ceiling: %s opportunities/s" % (
                "", measured, e["items_per_request"], fmt(e.get("db_items_per_s"))))
        if e["runs_measured"] and e["status"] != "ok":
            print("%-26s       %s" % ("", e["status"]))
        if e.get("items_missing_total"):
            print("%-26s       WARNING: %d items of 2xx answers were not stored (per-item failures)" % (
                "", e["items_missing_total"]))
        if e.get("http_429_total"):
            print("%-26s       WARNING: %d answers were 429 (rate limited)" % ("", e["http_429_total"]))
    print()
    print("req/s, p50, p99: wrk against the service; errors: socket errors + non-2xx answers (+ JSON-RPC errors)")
    print("HTTP ceil: wrk on GET /actuator/health/liveness at the same connections; DB ceil: pgbench tps of the")
    print("scenario's SQL (bench/pgbench/), %s clients = pool size, -M prepared (lists: -M extended, planned" % meta.get(
        "pgbench_clients", "?"))
    print("for their values every time, as the service does); vs = req/s / ceiling")


def main(argv):
    if len(argv) == 5 and argv[1] == "pgbench":
        pgbench(argv[2], argv[3], argv[4])
    elif len(argv) == 3 and argv[1] == "report":
        report(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
