#!/usr/bin/env python3
"""Helpers of bench/run.sh (standard library only).

  report.py pgbench <pgbench output> <per-transaction log prefix> <out.json>
      tps, latency percentiles and failures of one pgbench run.
  report.py gatling <gatling results folder> <measured seconds> <out.json> [<extra JSON object>]
      the figures of one open-model run (group "mix" of MixSimulation, read from the statistics
      table of Gatling's HTML report): requests, errors, rate, latency percentiles, per kind.
  report.py report <results dir>
      reads meta.json and run-*/ of a results directory, prints the table (medians over the
      runs) and writes runs.csv, summary.csv, summary.json and chart.dat (for chart.gnuplot).
      Exits 1 when a selected scenario or open-model level has no measurement in any run.
  report.py scaling <scaling results dir>
      reads the size-*/summary.json of bench/scaling.sh, prints one table per figure against the
      data set size and writes scaling.csv and scaling-<figure>.dat (for scaling.gnuplot).
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


GATLING_COLUMNS = {  # the statistics table of a Gatling 3.15 report (index.html), column -> key
    2: "requests", 3: "ok", 4: "errors", 7: "min", 8: "p50", 9: "p90", 10: "p99", 11: "p999", 12: "max", 13: "mean"}


def gatling_table(index_html):
    """The rows of the statistics table of a Gatling report: {row id: {name, parent, figures}}.
    Gatling 3.15 writes no JSON statistics; its report's table is the one place with percentiles
    per group and request (p50, p90, p99, p99.9 as set in bench/gatling/.../gatling.conf)."""
    html = open(index_html, encoding="utf-8").read()
    headers = re.findall(r'<th id="col-(\d+)"[^>]*><span>([^<]*)</span></th>', html)
    expected = {"8": "50th pct", "9": "90th pct", "10": "99th pct", "11": "99.9th pct"}
    if any(dict(headers).get(k) != v for k, v in expected.items()):
        raise ValueError("unexpected columns in %s: %s" % (index_html, headers))
    rows = {}
    for m in re.finditer(r'<tr id="([^"]+)"(?: data-parent="([^"]*)")?\s*>(.*?)</tr>', html, re.S):
        row_id, parent, body = m.groups()
        name = re.search(r'class="ellipsed-name">([^<]*)<', body)
        values = {int(c): v for c, v in re.findall(r'<td class="value [a-z]+ col-(\d+)">([^<]*)</td>', body)}
        if name and values:
            rows[row_id] = {"name": name.group(1), "parent": parent,
                            **{key: number(values.get(col)) for col, key in GATLING_COLUMNS.items()}}
    return rows


def number(text):
    try:
        value = float(text.replace(",", ""))
    except (AttributeError, ValueError):
        return None
    return int(value) if value.is_integer() else value


def gatling(folder, seconds, out_path, extra=None):
    """Group "mix" of MixSimulation (the requests after the warm-up): requests, errors, rate,
    latency percentiles in milliseconds, and the same per request kind."""
    found = sorted(glob.glob(os.path.join(folder, "*", "index.html")))
    if not found:
        print("no Gatling report (index.html) under %s" % folder, file=sys.stderr)
        return 1
    rows = gatling_table(found[-1])
    group_id = next((i for i, r in rows.items() if r["name"] == "mix" and r["parent"] == "ROOT"), None)
    if group_id is None:
        print("no group 'mix' in %s" % found[-1], file=sys.stderr)
        return 1

    def figures(r):
        return {"requests": r["requests"], "ok": r["ok"], "errors": r["errors"],
                "rps": round(r["requests"] / float(seconds), 2),
                "latency_ms": {k: r[k] for k in ("p50", "p90", "p99", "p999", "max", "mean", "min")}}

    result = figures(rows[group_id])
    result["measured_s"] = float(seconds)
    result["kinds"] = {r["name"]: figures(r) for r in rows.values() if r["parent"] == group_id}
    warm = next((r for r in rows.values() if r["name"] == "warmup" and r["parent"] == "ROOT"), None)
    result["warmup_requests"] = warm["requests"] if warm else 0
    result["report"] = os.path.relpath(found[-1], os.path.dirname(os.path.abspath(out_path)))
    if extra:
        result.update(json.loads(extra))
    with open(out_path, "w") as f:
        json.dump(result, f)
        f.write("\n")
    return 0


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
    levels = meta.get("open_model_levels_pct") or []
    profiles = (["closed"] + ["open%d" % level for level in levels]) if meta.get("open_model") else []

    rows = []  # one per run and scenario
    service_rows = []
    open_rows = []  # one per run and open-model profile
    for run_dir in run_dirs:
        run = int(run_dir.rsplit("-", 1)[1])
        service = load(os.path.join(run_dir, "service.json")) or {}
        bare = load(os.path.join(run_dir, "bare.json")) or {}
        service_rows.append({"run": run, **{k: service.get(k) for k in (
            "ready_s", "spring_started_s", "spring_process_running_s", "peak_rss_mib", "rss_at_end_mib")},
            **gc_pauses(os.path.join(run_dir, "gc.log")),
            "http_ceiling_noauth_rps": (load(os.path.join(run_dir, "http-ceiling-noauth-c16.json")) or {}).get("rps"),
            "bare_ready_s": bare.get("ready_s"), "bare_spring_started_s": bare.get("spring_started_s"),
            "bare_peak_rss_mib": bare.get("peak_rss_mib"),
            "ready_vs_bare": ratio(service.get("ready_s"), bare.get("ready_s")),
            "answering_at_end": service.get("answering_at_end"),
            "out_of_memory_errors": service.get("out_of_memory_errors")})
        closed = load(os.path.join(run_dir, "openmodel-closed.json"))
        for profile in profiles:
            om = load(os.path.join(run_dir, f"openmodel-{profile}.json"))
            row = {"run": run, "profile": profile}
            if om:
                row.update({"status": "ok", "users": om.get("users"), "level_pct": om.get("level_pct"),
                            "target_rps": om.get("target_rps"), "rps": om["rps"], "requests": om["requests"],
                            "errors": om["errors"], **{k + "_ms": v for k, v in om["latency_ms"].items()}})
                if closed and profile != "closed":
                    base = closed["latency_ms"]["p50"]
                    row["p99_vs_closed_p50"] = ratio(om["latency_ms"]["p99"], base)
                    row["p999_vs_closed_p50"] = ratio(om["latency_ms"]["p999"], base)
            else:
                row["status"] = "no result"
            open_rows.append(row)
        for s in selected:
            name = s["name"]
            pre = load(os.path.join(run_dir, f"preflight-{name}.json")) or {}
            wrk = load(os.path.join(run_dir, f"wrk-{name}.json"))
            ceiling = load(os.path.join(run_dir, f"http-ceiling-c{s['connections']}.json"))
            bare_wrk = load(os.path.join(run_dir, f"bare-{name}.json"))
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
            if bare_wrk:
                bare_errors = sum(bare_wrk["socket_errors"].values()) + bare_wrk["non2xx"]
                row["bare_rps"] = round(bare_wrk["rps"], 2)
                row["bare_p99_ms"] = bare_wrk["latency_us"]["p99"] / 1000.0
                row["bare_errors"] = bare_errors
            if db:
                row["db_tps"] = db["tps"]
                row["db_p50_ms"] = db["latency_ms"]["p50"]
                row["db_p99_ms"] = db["latency_ms"]["p99"]
                row["db_errors"] = db["errors"]
            # ratios within the run: the ceiling measured beside the scenario
            row["vs_bare"] = ratio(row.get("rps"), row.get("bare_rps"))
            row["vs_http_ceiling"] = ratio(row.get("rps"), row.get("http_ceiling_rps"))
            row["vs_db_ceiling"] = ratio(row.get("rps"), row.get("db_tps"))
            rows.append(row)

    run_fields = ["run", "scenario", "letter", "connections", "status", "rps", "p50_ms", "p90_ms", "p99_ms",
                  "requests", "errors", "socket_errors", "non2xx", "rpc_errors", "http_429", "statuses",
                  "items_expected", "rows_created", "bare_rps", "bare_p99_ms", "bare_errors", "vs_bare",
                  "http_ceiling_rps", "http_ceiling_p99_ms", "vs_http_ceiling", "db_tps", "db_p50_ms", "db_p99_ms",
                  "db_errors", "vs_db_ceiling", "items_per_request"]
    with open(os.path.join(results, "runs.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=run_fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    if open_rows:
        open_fields = ["run", "profile", "status", "users", "level_pct", "target_rps", "rps", "requests", "errors",
                       "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "mean_ms", "p99_vs_closed_p50",
                       "p999_vs_closed_p50"]
        with open(os.path.join(results, "openmodel-runs.csv"), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=open_fields, extrasaction="ignore")
            w.writeheader()
            w.writerows(open_rows)

    numeric = ["rps", "p50_ms", "p90_ms", "p99_ms", "errors", "bare_rps", "bare_p99_ms", "vs_bare",
               "http_ceiling_rps", "vs_http_ceiling", "db_tps", "vs_db_ceiling", "db_p50_ms", "db_p99_ms", "db_errors"]
    summary = []
    for s in selected:
        mine = [r for r in rows if r["scenario"] == s["name"]]
        entry = {"scenario": s["name"], "letter": s["letter"], "connections": s["connections"],
                 "request": s["request"], "items_per_request": s["items_per_request"],
                 "runs_measured": sum(1 for r in mine if r.get("status") == "ok")}
        for k in numeric:
            entry[k] = median([r.get(k) for r in mine])
        entry["errors_total"] = sum(r.get("errors") or 0 for r in mine)
        entry["bare_errors_total"] = sum(r.get("bare_errors") or 0 for r in mine)
        entry["items_missing_total"] = sum(max(0, r["items_expected"] - r["rows_created"])
                                           for r in mine if "rows_created" in r)
        entry["http_429_total"] = sum(r.get("http_429") or 0 for r in mine)
        statuses = [r["status"] for r in mine if r.get("status") != "ok"]
        entry["status"] = "ok" if entry["runs_measured"] else (statuses[0] if statuses else "no result")
        if entry["runs_measured"] and statuses:
            entry["status"] = f"ok in {entry['runs_measured']} of {len(mine)} runs"
        n = s["items_per_request"]
        if n > 1:
            entry["items_per_s"] = None if entry["rps"] is None else round(entry["rps"] * n, 1)
            entry["db_items_per_s"] = None if entry["db_tps"] is None else round(entry["db_tps"] * n, 1)
        summary.append(entry)

    open_summary = []
    for profile in profiles:
        mine = [r for r in open_rows if r["profile"] == profile]
        entry = {"profile": profile, "runs_measured": sum(1 for r in mine if r["status"] == "ok")}
        for k in ("users", "level_pct", "target_rps", "rps", "requests", "errors", "p50_ms", "p90_ms", "p99_ms",
                  "p999_ms", "max_ms", "p99_vs_closed_p50", "p999_vs_closed_p50"):
            entry[k] = median([r.get(k) for r in mine])
        entry["errors_total"] = sum(r.get("errors") or 0 for r in mine)
        open_summary.append(entry)

    service = {k: median([r.get(k) for r in service_rows]) for k in (
        "ready_s", "spring_started_s", "spring_process_running_s", "peak_rss_mib", "rss_at_end_mib",
        "gc_pauses", "gc_pause_total_ms", "gc_pause_max_ms", "http_ceiling_noauth_rps",
        "bare_ready_s", "bare_spring_started_s", "bare_peak_rss_mib", "ready_vs_bare")}
    service["max_peak_rss_mib"] = max((r.get("peak_rss_mib") or 0 for r in service_rows), default=None)
    service["runs_not_answering_at_end"] = [r["run"] for r in service_rows if r.get("answering_at_end") is False]
    service["runs_out_of_memory"] = [r["run"] for r in service_rows if r.get("out_of_memory_errors")]

    sum_fields = ["scenario", "letter", "connections", "status", "runs_measured", "rps", "p50_ms", "p90_ms",
                  "p99_ms", "errors", "errors_total", "items_missing_total", "http_429_total",
                  "bare_rps", "bare_p99_ms", "vs_bare", "bare_errors_total", "http_ceiling_rps", "vs_http_ceiling",
                  "db_tps", "vs_db_ceiling", "db_p50_ms", "db_p99_ms", "db_errors", "items_per_s",
                  "db_items_per_s", "request"]
    with open(os.path.join(results, "summary.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=sum_fields, extrasaction="ignore")
        w.writeheader()
        w.writerows(summary)
    targets = target_checks(summary, open_summary, service)
    with open(os.path.join(results, "summary.json"), "w") as f:
        json.dump({"meta": meta, "service": service, "service_runs": service_rows, "scenarios": summary,
                   "open_model": open_summary, "open_model_runs": open_rows, "targets": targets}, f, indent=2)
        f.write("\n")

    with open(os.path.join(results, "chart.dat"), "w") as f:
        f.write("# label rps http_ceiling_rps db_tps p99_ms db_p99_ms bare_rps bare_p99_ms\n")
        for e in summary:
            f.write('"%s) %s%s" %s %s %s %s %s %s %s\n' % (
                e["letter"], e["scenario"], "" if e["runs_measured"] else " (n/a)", dash(e["rps"]),
                dash(e["http_ceiling_rps"]), dash(e["db_tps"]), dash(e["p99_ms"]), dash(e["db_p99_ms"]),
                dash(e["bare_rps"]), dash(e["bare_p99_ms"])))

    print_table(meta, service, summary, open_summary, targets)

    missing = [e["scenario"] for e in summary if not e["runs_measured"]]
    missing += ["open model (%s)" % e["profile"] for e in open_summary if not e["runs_measured"]]
    if missing:
        print()
        print("INCOMPLETE: no measurement of %s" % ", ".join(missing))
        return 1
    return 0


def target_checks(summary, open_summary, service):
    """Issue 18's targets, for the figures this run has (ratios: medians of the per-run ratios)."""
    by = {e["scenario"]: e for e in summary if e["runs_measured"]}
    prof = {e["profile"]: e for e in open_summary if e["runs_measured"]}
    checks = []

    def check(name, value, limit, kind, shown):
        if value is None:
            return
        ok = value >= limit if kind == ">=" else value <= limit
        checks.append({"target": name, "value": value, "limit": limit, "kind": kind, "met": ok, "shown": shown})

    g = by.get("get_by_id")
    if g:
        check("GET by id: >= 35% of the bare Boot ceiling (stretch 50%)", g.get("vs_bare"), 0.35, ">=", pct(g.get("vs_bare")))
        check("GET by id: p99 < 15 ms at 32 connections (stretch 10 ms)", g.get("p99_ms"), 15, "<=", fmt(g.get("p99_ms"), "{:.1f} ms"))
    for name in ("list_owner_first", "list_owner_deep", "list_close_date_amount", "sync_updated"):
        e = by.get(name)
        if e:
            check("%s: >= 40%% of its database ceiling" % name, e.get("vs_db_ceiling"), 0.40, ">=", pct(e.get("vs_db_ceiling")))
    first, deep = by.get("list_owner_first"), by.get("list_owner_deep")
    if first and deep and first.get("p50_ms"):
        r = deep["p50_ms"] / first["p50_ms"]
        check("deep page p50 <= 1.1x page 1's", round(r, 3), 1.1, "<=", "%.2fx" % r)
    if by.get("create"):
        check("create one: >= 40% of its database ceiling", by["create"].get("vs_db_ceiling"), 0.40, ">=", pct(by["create"].get("vs_db_ceiling")))
    if by.get("batch_create"):
        check("batch of 500: >= 85% of its database ceiling", by["batch_create"].get("vs_db_ceiling"), 0.85, ">=", pct(by["batch_create"].get("vs_db_ceiling")))
    o50 = prof.get("open50")
    if o50:
        check("open model at 50%: p99 <= 3x the closed-loop p50", o50.get("p99_vs_closed_p50"), 3, "<=", fmt(o50.get("p99_vs_closed_p50"), "{:.1f}x"))
        check("open model at 50%: p99.9 <= 10x the closed-loop p50", o50.get("p999_vs_closed_p50"), 10, "<=", fmt(o50.get("p999_vs_closed_p50"), "{:.1f}x"))
    check("ready within 2x the bare Boot app's readiness", service.get("ready_vs_bare"), 2, "<=", fmt(service.get("ready_vs_bare"), "{:.2f}x"))
    check("peak RSS <= 400 MiB at -Xmx256m (largest of the runs)", service.get("max_peak_rss_mib") or None, 400, "<=", fmt(service.get("max_peak_rss_mib"), "{:.0f} MiB"))
    return checks


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


def print_table(meta, service, summary, open_summary, targets):
    runs = meta.get("runs", "?")
    print()
    print("Opportunities service benchmark  %s UTC  commit %s%s" % (
        meta.get("timestamp", "?"), meta.get("git_commit", "?"), " (+uncommitted changes)" if meta.get("git_dirty") else ""))
    print("JDK %s, %s threads, %s, pool %s; PostgreSQL %s (shared_buffers %s); %s x %s cores" % (
        meta.get("jdk", "?"), "virtual" if meta.get("virtual_threads") else "platform", meta.get("jvm_options"),
        meta.get("pool_size"), meta.get("postgres"), meta.get("postgres_shared_buffers"),
        meta.get("cpu", "?"), meta.get("cores", "?")))
    print("Data set: %s opportunities (database %s)" % (fmt(meta.get("dataset_size") or meta.get("dataset_max_id")),
                                                       meta.get("database", "crm_bench")))
    print("%s run(s), %s s per measurement after %s s warm-up per scenario; figures are medians over the runs,"
          " ratios medians of the per-run ratios" % (runs, meta.get("duration_s"), meta.get("warmup_s")))
    if meta.get("rate_limit_per_second"):
        print("Rate limit set to %s/s (burst %s) so that the benchmark never meets 429" % (
            fmt(meta.get("rate_limit_per_second")), fmt(meta.get("rate_limit_burst"))))
    else:
        print("Rate limiting turned off (CRM_RATE_LIMIT_PER_SECOND=0)")
    line = "Startup: ready %s s after process start (Spring 'Started ... in %s s')" % (
        fmt(service.get("ready_s"), "{:.2f}"), fmt(service.get("spring_started_s"), "{:.2f}"))
    if service.get("bare_ready_s") is not None:
        line += "; bare Boot app %s s; ratio %s" % (fmt(service.get("bare_ready_s"), "{:.2f}"),
                                                   fmt(service.get("ready_vs_bare"), "{:.2f}x"))
    print(line)
    line = "Peak RSS (VmHWM): service %s MiB (max over runs %s MiB)" % (
        fmt(service.get("peak_rss_mib"), "{:.0f}"), fmt(service.get("max_peak_rss_mib"), "{:.0f}"))
    if service.get("bare_peak_rss_mib") is not None:
        line += ", bare Boot app %s MiB" % fmt(service.get("bare_peak_rss_mib"), "{:.0f}")
    print(line)
    if service.get("runs_out_of_memory"):
        print("WARNING: the service logged OutOfMemoryError in run(s) %s (service.log)" % (
            ", ".join(map(str, service["runs_out_of_memory"]))))
    if service.get("runs_not_answering_at_end"):
        print("WARNING: the service no longer answered its liveness probe at the end of run(s) %s" % (
            ", ".join(map(str, service["runs_not_answering_at_end"]))))
    if service.get("http_ceiling_noauth_rps") is not None:
        print("HTTP ceiling without an Authorization header (no key lookup, no rate limit), 16 connections: %s req/s" % (
            fmt(service["http_ceiling_noauth_rps"])))
    if service.get("gc_pauses") is not None:
        print("GC (whole run, per run median): %s pauses, %s ms in total, longest %s ms" % (
            fmt(service["gc_pauses"]), fmt(service["gc_pause_total_ms"]), fmt(service["gc_pause_max_ms"], "{:.1f}")))
    if meta.get("data_load_s"):
        print("Data set loaded by generate.sql in %s s" % meta["data_load_s"])
    if summary:
        print()
        header = "%-26s %5s %9s %8s %8s %6s %9s %7s %9s %7s %9s %7s %8s" % (
            "scenario", "conns", "req/s", "p50 ms", "p99 ms", "errors", "Boot ceil", "vs Boot", "HTTP ceil",
            "vs HTTP", "DB ceil", "vs DB", "DB p99")
        print(header)
        print("-" * len(header))
        for e in summary:
            label = "%s) %s" % (e["letter"], e["scenario"])
            ceilings = "%9s %7s %9s %7s %9s %7s %8s" % (
                fmt(e["bare_rps"]), pct(e["vs_bare"]), fmt(e["http_ceiling_rps"]), pct(e["vs_http_ceiling"]),
                fmt(e["db_tps"]), pct(e["vs_db_ceiling"]), fmt(e["db_p99_ms"], "{:.2f}"))
            if e["runs_measured"]:
                print("%-26s %5d %9s %8s %8s %6s %s" % (
                    label, e["connections"], fmt(e["rps"]), fmt(e["p50_ms"], "{:.2f}"), fmt(e["p99_ms"], "{:.2f}"),
                    fmt(e["errors"]), ceilings))
            else:
                print("%-26s %5d %9s %8s %8s %6s %s" % (label, e["connections"], "-", "-", "-", "-", ceilings))
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
            if e.get("bare_errors_total"):
                print("%-26s       WARNING: the bare Boot ceiling had %d errors" % ("", e["bare_errors_total"]))
        print()
        print("req/s, p50, p99: wrk against the service; errors: socket errors + non-2xx answers (+ JSON-RPC errors)")
        print("Boot ceil: wrk on the bare Spring Boot app (bench/ceiling-app, GET /ceiling: no database, no security),")
        print("same JDK, JVM options and wrk settings, measured right after the scenario in each run")
        print("HTTP ceil: wrk on the service's GET /actuator/health/liveness at the same connections; DB ceil: pgbench")
        print("tps of the scenario's SQL (bench/pgbench/), %s clients = pool size, -M prepared (lists: -M extended," % meta.get(
            "pgbench_clients", "?"))
        print("planned for their values every time, as the service does); vs = req/s / ceiling, per run, then median")
    if open_summary:
        print()
        print("Open model (Gatling, bench/gatling): %s; 60%% GET by id, 25%% lists (owner's open, closeDate month by" % (
            "closed loop of %s users, then fixed arrival rates at %s of its throughput" % (
                meta.get("open_model_users"), ", ".join("%s%%" % l for l in meta.get("open_model_levels_pct") or []))))
        print("amount, a custom-field filter, incremental sync), 10% PATCH, 5% create; latencies in ms (Gatling: 1 ms resolution)")
        header = "%-22s %9s %9s %7s %7s %7s %8s %7s %13s %13s" % (
            "profile", "target/s", "req/s", "p50", "p90", "p99", "p99.9", "errors", "p99/closed50", "p99.9/closed50")
        print(header)
        print("-" * len(header))
        for e in open_summary:
            label = ("closed, %s users (max)" % meta.get("open_model_users")) if e["profile"] == "closed" else (
                "open at %s%%" % e["profile"][len("open"):])
            if not e["runs_measured"]:
                print("%-22s NOT MEASURED" % label)
                continue
            print("%-22s %9s %9s %7s %7s %7s %8s %7s %13s %13s" % (
                label, fmt(e.get("target_rps")), fmt(e.get("rps")), fmt(e.get("p50_ms")), fmt(e.get("p90_ms")),
                fmt(e.get("p99_ms")), fmt(e.get("p999_ms")), fmt(e.get("errors")),
                fmt(e.get("p99_vs_closed_p50"), "{:.1f}x"), fmt(e.get("p999_vs_closed_p50"), "{:.1f}x")))
    if targets:
        print()
        print("Targets of issue 18 (this run's figures):")
        for t in targets:
            print("  %-6s %-58s %s" % ("met" if t["met"] else "MISSED", t["target"], t["shown"]))


SCALING_FIGURES = [  # (key in summary.json, file name, heading)
    ("rps", "rps", "req/s"),
    ("p50_ms", "p50", "p50 ms"),
    ("p99_ms", "p99", "p99 ms"),
    ("vs_bare", "vs-bare", "share of the bare Boot ceiling"),
    ("db_tps", "db-tps", "database ceiling, tps"),
    ("db_p99_ms", "db-p99", "database ceiling p99 ms"),
]


def scaling(out):
    """One table per figure: scenarios x data set sizes, and the growth from the smallest size to
    the largest; scaling.csv (long form) and scaling-<figure>.dat (size, one column per scenario)."""
    sizes = []
    for path in glob.glob(os.path.join(out, "size-*", "summary.json")):
        data = load(path)
        if data:
            size = data["meta"].get("dataset_size") or data["meta"].get("dataset_max_id")
            sizes.append((int(size), data))
    sizes.sort(key=lambda t: t[0])
    if not sizes:
        print("no size-*/summary.json under %s" % out, file=sys.stderr)
        return 1
    names = []
    for _, data in sizes:
        for e in data["scenarios"]:
            if e["scenario"] not in names:
                names.append(e["scenario"])
    value = {}
    for size, data in sizes:
        for e in data["scenarios"]:
            for key, _, _ in SCALING_FIGURES:
                value[(e["scenario"], size, key)] = e.get(key) if e.get("runs_measured") else None

    with open(os.path.join(out, "scaling.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["scenario", "size"] + [k for k, _, _ in SCALING_FIGURES])
        for name in names:
            for size, _ in sizes:
                w.writerow([name, size] + [value.get((name, size, k)) for k, _, _ in SCALING_FIGURES])
    for key, file, _ in SCALING_FIGURES:
        with open(os.path.join(out, "scaling-%s.dat" % file), "w") as f:
            f.write("size " + " ".join(names) + "\n")
            for size, _ in sizes:
                f.write("%d %s\n" % (size, " ".join(dash(value.get((n, size, key))) for n in names)))

    meta = sizes[0][1]["meta"]
    print()
    print("How cost grows with data  %s  commit %s; JDK %s, %s run(s) x %s s per size; medians" % (
        os.path.basename(out), meta.get("git_commit"), meta.get("jdk"), meta.get("runs"), meta.get("duration_s")))
    print("(sizes measured one after the other: the share of the bare Boot ceiling, measured beside each")
    print(" scenario, is the figure to compare across sizes when the machine's speed varies)")
    for key, _, heading in SCALING_FIGURES:
        print()
        header = "%-24s" % heading + "".join("%14s" % ("{:,}".format(size)) for size, _ in sizes) + "%10s" % "growth"
        print(header)
        print("-" * len(header))
        for name in names:
            cells = [value.get((name, size, key)) for size, _ in sizes]
            shown = [pct(v) if key == "vs_bare" else fmt(v, "{:,.2f}" if key.endswith("_ms") else "{:,.0f}")
                     for v in cells]
            first, last = cells[0], cells[-1]
            growth = "-" if first in (None, 0) or last is None else "%.2fx" % (last / first)
            print("%-24s" % name + "".join("%14s" % c for c in shown) + "%10s" % growth)
    print()
    print("growth: the figure at the largest size / at the smallest (flat = 1.00x; a page must stay flat,")
    print("a summary may grow no worse than linearly, i.e. by the ratio of the sizes)")
    return 0


def main(argv):
    if len(argv) == 5 and argv[1] == "pgbench":
        pgbench(argv[2], argv[3], argv[4])
    elif len(argv) in (5, 6) and argv[1] == "gatling":
        return gatling(argv[2], argv[3], argv[4], argv[5] if len(argv) == 6 else None)
    elif len(argv) == 3 and argv[1] == "report":
        return report(argv[2])
    elif len(argv) == 3 and argv[1] == "scaling":
        return scaling(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
