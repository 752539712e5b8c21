#!/usr/bin/env python3
"""Helpers of bench/insight.sh.

  insight_report.py plan <database> < server-log-tail   the heaviest auto_explain plan of <database>
  insight_report.py report <results dir>                results.md (markdown) and results.json
"""
import json
import os
import re
import statistics
import sys

# a new log line: "2026-12-02 09:40:21.123 UTC [1234] postgres@crm_bench LOG:  ..."
LINE_START = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")


def plan(database):
    entries, current = [], None
    for line in sys.stdin:
        if LINE_START.match(line):
            if current:
                entries.append(current)
            current = None
            if f"@{database} " in line and "plan:" in line and "duration:" in line:
                current = [line]
        elif current is not None:
            current.append(line)
    if current:
        entries.append(current)
    if not entries:
        return 1

    def duration(entry):
        m = re.search(r"duration: ([0-9.]+) ms", entry[0])
        return float(m.group(1)) if m else 0.0

    best = max(entries, key=duration)
    sys.stdout.write("".join(best))
    return 0


GC_PAUSE = re.compile(
    r"^\[(?P<up>[0-9.]+)s\].*GC\((?P<n>\d+)\) (?P<kind>Pause \w+)[^\n]*? (?P<before>\d+)M->(?P<after>\d+)M\((?P<cap>\d+)M\) (?P<ms>[0-9.]+)ms"
)


def gc_summary(gc_log, start, end):
    """Heap after each GC between uptimes start and end (seconds) of the service's GC log."""
    pauses = []
    if os.path.exists(gc_log):
        with open(gc_log) as f:
            for line in f:
                m = GC_PAUSE.search(line)
                if m:
                    pauses.append({"uptime_s": float(m["up"]), "kind": m["kind"], "before_mib": int(m["before"]),
                                   "after_mib": int(m["after"]), "heap_mib": int(m["cap"]), "pause_ms": float(m["ms"])})
    during = [p for p in pauses if start <= p["uptime_s"] <= end + 1]
    out = {"gcs": len(during), "full_gcs": sum(1 for p in during if "Full" in p["kind"])}
    if during:
        after = [p["after_mib"] for p in during]
        quarter = max(1, len(after) // 4)
        out.update({
            "heap_after_gc_mib": {"min": min(after), "median": statistics.median(after), "max": max(after),
                                  "first_quarter_mean": round(statistics.mean(after[:quarter]), 1),
                                  "last_quarter_mean": round(statistics.mean(after[-quarter:]), 1)},
            "pause_ms": {"total": round(sum(p["pause_ms"] for p in during), 1),
                         "max": max(p["pause_ms"] for p in during)},
            "series": [[round(p["uptime_s"] - start, 2), p["after_mib"]] for p in during],
        })
    return out


def timings(path):
    """Sequential curl timings ("<status> <seconds>" per line) as wrk's JSON summary."""
    samples = [line.split() for line in open(path) if line.strip()]
    us = sorted(float(t) * 1e6 for _, t in samples)

    def pct(p):
        return int(us[min(len(us) - 1, max(0, int(round(p / 100 * len(us) + 0.5)) - 1))]) if us else 0

    total = sum(us) / 1e6
    print(json.dumps({"requests": len(us), "duration_s": round(total, 3), "rps": round(len(us) / total, 3) if total else 0,
                      "non2xx": sum(1 for s, _ in samples if not s.startswith("2")),
                      "latency_us": {"p50": pct(50), "p90": pct(90), "p99": pct(99), "max": int(us[-1]) if us else 0},
                      "tool": "curl, sequential"}))
    return 0


def report(results):
    meta = json.load(open(os.path.join(results, "meta.json")))
    rows, cases = [], []
    with open(os.path.join(results, "cases.tsv")) as f:
        for line in f:
            name, target, path, conns, src = line.rstrip("\n").split("\t")
            n_conns = conns.split()[0]
            case = {"name": name, "target_p50_ms": int(target), "request": "GET " + path}
            if conns == "-":
                case["error"] = src
                rows.append(f"| {name} | `GET {path}` | - | NOT MEASURED: {src} | | | | | ≤ {target} |")
            else:
                w = json.load(open(src))
                lat = w["latency_us"]
                case.update({"connections": int(n_conns) if n_conns != "-" else None, "measured_with": conns, "requests": w["requests"], "rps": w["rps"],
                             "non2xx": w.get("non2xx", 0), "p50_ms": lat["p50"] / 1000, "p90_ms": lat["p90"] / 1000,
                             "p99_ms": lat["p99"] / 1000})
                ok = "yes" if case["p50_ms"] <= case["target_p50_ms"] and case["non2xx"] == 0 else "**no**"
                rows.append(f"| {name} | `GET {path}` | {conns} | {w['requests']} | {w['rps']:.1f} | "
                            f"{case['p50_ms']:.1f} | {case['p90_ms']:.1f} | {case['p99_ms']:.1f} | "
                            f"≤ {target} ({ok}) |" + (f" {case['non2xx']} non-2xx" if case["non2xx"] else ""))
            cases.append(case)
    exports = []
    with open(os.path.join(results, "export.tsv")) as f:
        for line in f:
            run, status, n, secs, rps, start, end = line.rstrip("\n").split("\t")
            e = {"run": int(run), "status": status, "rows": int(n), "seconds": float(secs), "rows_per_s": int(rps),
                 "gc": gc_summary(os.path.join(results, "service-gc.log"), float(start), float(end))}
            exports.append(e)
    oom = open(os.path.join(results, "oom-count.txt")).read().strip() or "0"

    print(f"### Pipeline insight: {meta['dataset_size']:,} opportunities, {meta['history_events'] or '?'} events of history"
          f" (`bench/insight.sh`, {meta['timestamp']}, commit {meta['git_commit']})\n")
    print(f"JDK {meta['jdk']}, PostgreSQL {meta['postgres']}, {meta['cores']} cores; `{meta['jvm_options']}`; "
          f"wrk {meta['warmup_s']} s warm-up then {meta['duration_s']} s per case; quarter {meta['quarter']['from']}"
          f" .. {meta['quarter']['to']}. Plans: `explain/<case>.txt`.\n")
    print("| case | request | conns | requests | req/s | p50 ms | p90 ms | p99 ms | target p50 ms |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    print("\n".join(rows))
    print()
    print("| CSV export (`Accept: text/csv`, every opportunity) | HTTP | rows | seconds | rows/s (target ≥ 50,000) "
          "| GCs | heap after GC MiB: min / median / max (first → last quarter mean) | full GCs |")
    print("|---|---|---:|---:|---:|---:|---|---:|")
    for e in exports:
        g = e["gc"]
        h = g.get("heap_after_gc_mib")
        heap = f"{h['min']} / {h['median']} / {h['max']} ({h['first_quarter_mean']} → {h['last_quarter_mean']})" if h else "-"
        print(f"| run {e['run']} | {e['status']} | {e['rows']:,} | {e['seconds']:.2f} | {e['rows_per_s']:,} | {g['gcs']} "
              f"| {heap} | {g['full_gcs']} |")
    print(f"\nOutOfMemoryErrors in the service log: {oom}; peak RSS {meta.get('peak_rss_mib') or '?'} MiB.")
    with open(os.path.join(results, "gc-summary.txt"), "w") as f:
        for e in exports:
            f.write(f"export run {e['run']}: {json.dumps({k: v for k, v in e['gc'].items() if k != 'series'})}\n")
            f.write("seconds since export start, heap after GC (MiB):\n")
            for t, a in e["gc"].get("series", []):
                f.write(f"{t}\t{a}\n")
    json.dump({"meta": meta, "cases": cases, "exports": exports, "out_of_memory_errors": int(oom)},
              open(os.path.join(results, "results.json"), "w"), indent=2)
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "plan":
        sys.exit(plan(sys.argv[2]))
    if sys.argv[1] == "timings":
        sys.exit(timings(sys.argv[2]))
    sys.exit(report(sys.argv[2]))
