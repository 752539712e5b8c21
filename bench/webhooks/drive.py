#!/usr/bin/env python3
"""Drives the webhook delivery benchmark against a running service and bench/webhooks/receiver.js.

throughput: one endpoint for opportunity.*, a backlog of N events replayed to it at once;
            deliveries/s = N / (last arrival - replay), median of --runs.
fanout:     E endpoints for opportunity.*, one of them never answers (its URL is /dead); events
            made at a steady rate for D seconds; the delivery latency (arrival at the receiver
            minus the event's occurredAt) of the endpoints that answer: p50/p99/max, and whether
            every delivery arrived.
Prints one JSON object per measurement, on stdout.
"""
import argparse, json, random, statistics, sys, time, urllib.request

p = argparse.ArgumentParser()
p.add_argument("--base", default="http://localhost:18090")
p.add_argument("--token", required=True)
p.add_argument("--receiver", default="http://127.0.0.1:9099")
p.add_argument("--events", type=int, default=20000)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--endpoints", type=int, default=100)
p.add_argument("--rate", type=float, default=5.0, help="events/s of the fan-out scenario")
p.add_argument("--duration", type=int, default=60)
p.add_argument("--scenario", default="throughput,fanout")
a = p.parse_args()
H = {"Authorization": "Bearer " + a.token, "Content-Type": "application/json"}


def call(method, path, body=None, base=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request((base or a.base) + path, data=data, headers=H, method=method)
    with urllib.request.urlopen(req, timeout=60) as r:
        text = r.read()
        return json.loads(text) if text else None


def opportunities(n):
    """Creates n opportunities in batches of 500: n opportunity.created events."""
    made = 0
    while made < n:
        size = min(500, n - made)
        items = [{"opportunityName": "Webhook bench %d" % random.randint(1, 10**9),
                  "dealStageID": random.randint(1, 5), "ownerID": random.randint(2, 100),
                  "amount": round(random.uniform(100, 100000), 2), "closeDate": "2027-03-15"}
                 for _ in range(size)]
        answer = call("POST", "/opportunities/batch", {"items": items})
        assert all(r["status"] == 201 for r in answer["results"]), answer["results"][:1]
        made += size


def stats(since=0):
    return call("GET", "/stats?since=%d" % since, base=a.receiver)


def reset():
    call("POST", "/reset", base=a.receiver)


def webhook(url, types=("opportunity.*",)):
    return call("POST", "/webhooks", {"url": url, "types": list(types),
                                      "description": "bench/webhooks.sh"})["id"]


def remove_webhooks():
    page = call("GET", "/webhooks?limit=500")
    for w in page["items"]:
        call("DELETE", "/webhooks/%d" % w["id"])


def wait_for(count, timeout, since=0):
    end = time.time() + timeout
    while time.time() < end:
        s = stats(since)
        if s["distinct"] >= count:
            return s
        time.sleep(0.2)
    return stats(since)


def throughput():
    results = []
    for run in range(a.runs):
        remove_webhooks()
        reset()
        opportunities(a.events)
        time.sleep(1.5)  # numbered by the sequencer
        hook = webhook(a.receiver + "/ep/0")
        # the backlog: the last N events, sent again from after the one before them
        first = last_event_id() - a.events
        t0 = time.time() * 1000
        call("POST", "/webhooks/%d/replay" % hook, {"after": first})
        s = wait_for(a.events, 600)
        arrived = [r[0] for r in s["arrivals"]]
        seconds = (max(arrived) - t0) / 1000
        rate = s["distinct"] / seconds
        results.append(rate)
        print(json.dumps({"scenario": "throughput", "run": run + 1, "events": a.events,
                          "delivered": s["distinct"], "seconds": round(seconds, 2),
                          "deliveries_per_s": round(rate)}), flush=True)
    print(json.dumps({"scenario": "throughput", "median_deliveries_per_s": round(statistics.median(results)),
                      "runs": [round(r) for r in results]}), flush=True)


def last_event_id():
    page = call("GET", "/events?limit=500&after=0")
    cursor = page["nextCursor"]
    last = page["items"][-1]["id"] if page["items"] else 0
    while len(page["items"]) == 500:
        page = call("GET", "/events?limit=500&cursor=" + urllib.parse.quote(cursor))
        cursor = page["nextCursor"]
        if page["items"]:
            last = page["items"][-1]["id"]
    return last


def fanout():
    remove_webhooks()
    reset()
    dead = webhook(a.receiver + "/dead")
    for n in range(1, a.endpoints):
        webhook(a.receiver + "/ep/%d" % n)
    t0 = time.time() * 1000
    made = 0
    start = time.time()
    # a steady rate in steps of 100 ms
    while time.time() - start < a.duration:
        due = int((time.time() - start) * a.rate) + 1
        if due > made:
            opportunities(due - made)
            made = due
        time.sleep(0.1)
    expected = made * (a.endpoints - 1)
    s = wait_for(expected, 120, since=int(t0))
    latencies = sorted(r[0] - r[1] for r in s["arrivals"] if r[2] >= 1)
    q = lambda f: latencies[min(len(latencies) - 1, int(f * len(latencies)))]
    print(json.dumps({"scenario": "fanout", "endpoints": a.endpoints, "dead_endpoints": 1,
                      "events": made, "events_per_s": a.rate,
                      "deliveries_per_s": round(a.rate * (a.endpoints - 1)),
                      "expected": expected, "delivered": s["distinct"],
                      "latency_ms": {"p50": q(0.5), "p99": q(0.99), "max": latencies[-1]}}),
          flush=True)
    remove_webhooks()


import urllib.parse
for scenario in a.scenario.split(","):
    {"throughput": throughput, "fanout": fanout}[scenario]()
