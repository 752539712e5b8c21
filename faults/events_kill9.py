#!/usr/bin/env python3
"""kill -9 of the service during a stream of writes and webhook deliveries (see faults/README.md).

Started by faults/events-kill9.sh, which owns the throwaway PostgreSQL cluster. This script:

  1. starts a local webhook receiver (HTTP, 127.0.0.1) that answers 204 and keeps every delivery,
     and checks each delivery's Standard Webhooks signature with the secret the service answered;
  2. starts the service, creates a webhook for opportunity.* to the receiver;
  3. streams writes from several workers (single creates, PATCHes of amounts, batches of 20
     creates), each acknowledged write noted with what it changed;
  4. kills the service with SIGKILL in the middle (writes and deliveries in flight), restarts it,
     and lets the workers go on for a while;
  5. waits until the receiver has every event of the feed (or a time limit), then checks:
       - every acknowledged write has its event (created: opportunity.created of each id; PATCH:
         an opportunity.updated of the id whose changes.amount.to is the amount written);
       - no event without its change (every opportunity.created names an opportunity that exists);
       - every event of the feed that the webhook subscribes to was delivered at least once after
         the restart, with a valid signature; duplicates are counted (at-least-once allows them).

Standard library only (and faults/load.py for the HTTP client and the service process).
Exit status 0 when every check passed, 1 when one failed, 2 on an error.
"""

import argparse
import base64
import collections
import hashlib
import hmac
import http.server
import json
import os
import random
import secrets
import signal
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load import ConnError, Http, Service, log, now  # noqa: E402

KEY_ID = "faults_admin"
BATCH = 20


class Receiver:
    """A webhook receiver on a free local port: every delivery kept, signatures checked."""

    def __init__(self):
        self.lock = threading.Lock()
        self.deliveries = collections.Counter()
        self.bad_signatures = []
        self.broken = 0
        self.secret = None
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            # keep-alive as the service's client expects: an HTTP/1.0 server closing every
            # connection races the reuse of a pooled one ("header parser received no bytes"), a
            # failed attempt that waits for its retry (5 s, then 5 min)
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                receiver.received(self.headers, body)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        class Server(http.server.ThreadingHTTPServer):
            # bursts of concurrent attempts: a short accept queue would refuse some (a failed
            # attempt, retried only on the schedule: 5 s, then 5 min)
            request_queue_size = 256

            def handle_error(self, request, client_address):
                # a connection the killed service left half-sent: counted, not printed
                with receiver.lock:
                    receiver.broken += 1

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def received(self, headers, body):
        event_id = headers.get("webhook-id")
        timestamp = headers.get("webhook-timestamp")
        signatures = (headers.get("webhook-signature") or "").split()
        ok = False
        if self.secret and event_id and timestamp:
            key = base64.b64decode(self.secret[len("whsec_"):])
            signed = f"{event_id}.{timestamp}.".encode() + body
            expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            ok = any(s == "v1," + expected for s in signatures)
        with self.lock:
            if event_id:
                self.deliveries[int(event_id)] += 1
            if not ok:
                self.bad_signatures.append(event_id)

    def delivered(self):
        with self.lock:
            return dict(self.deliveries)

    def close(self):
        self.server.shutdown()


class Writes:
    """The workers' stream of writes, and what was acknowledged."""

    def __init__(self, port, token, owner):
        self.port = port
        self.token = token
        self.owner = owner
        self.lock = threading.Lock()
        self.created = []  # acknowledged creates: opportunity ids
        self.patched = []  # acknowledged patches: (id, amount written)
        self.unanswered = 0
        self.stop = threading.Event()

    def opportunity(self, rnd):
        return {
            "ownerID": self.owner,
            "dealStageID": 2,
            "opportunityName": f"Kill9 {rnd.randrange(10**9)}",
            "closeDate": "2026-12-31",
        }

    def worker(self, wid):
        rnd = random.Random(wid)
        client = Http(self.port, self.token, timeout=10)
        mine = []
        n = 0
        while not self.stop.is_set():
            n += 1
            try:
                if n % 10 == 0:
                    items = [self.opportunity(rnd) for _ in range(BATCH)]
                    ans = client.request("POST", "/opportunities/batch", json.dumps({"items": items}))
                    if ans.status == 200:
                        ids = [r["id"] for r in ans.json()["results"] if r.get("status") == 201]
                        with self.lock:
                            self.created.extend(ids)
                        mine.extend(ids)
                elif mine and n % 3 == 0:
                    target = rnd.choice(mine)
                    amount = round(wid * 1_000_000 + n + rnd.randrange(10, 99) / 100, 2)
                    ans = client.request("PATCH", f"/opportunities/{target}", json.dumps({"amount": amount}))
                    if ans.status == 200:
                        with self.lock:
                            self.patched.append((target, amount))
                else:
                    ans = client.request("POST", "/opportunities", json.dumps(self.opportunity(rnd)))
                    if ans.status == 201:
                        created = ans.json()["id"]
                        with self.lock:
                            self.created.append(created)
                        mine.append(created)
            except ConnError:
                with self.lock:
                    self.unanswered += 1
                time.sleep(0.2)
        client.close()


def get(client, path):
    """A GET that outlives a stale keep-alive connection (of the killed instance, or idle too long)."""
    for attempt in range(5):
        try:
            return client.request("GET", path, timeout=60)
        except ConnError:
            if attempt == 4:
                raise
            time.sleep(1)


def feed(client, after=0):
    """Every event of the feed after this id, in order."""
    events = []
    path = f"/events?limit=500&after={after}"
    while True:
        ans = get(client, path)
        if ans.status != 200:
            raise RuntimeError(f"GET {path}: {ans.status} {ans.body[:300]!r}")
        page = ans.json()
        events.extend(page["items"])
        if not page["items"]:
            return events
        path = "/events?limit=500&cursor=" + page["nextCursor"]


def undelivered_detail(client, hook_id, ids):
    """What the service says of deliveries the receiver never got: status, attempts, errors."""
    detail = []
    path = f"/webhooks/{hook_id}/deliveries?limit=500"
    while path and len(detail) < len(ids):
        ans = get(client, path)
        if ans.status != 200:
            return [f"GET {path}: {ans.status}"]
        page = ans.json()
        for d in page["items"]:
            if d.get("eventID") in ids:
                detail.append(
                    {
                        "eventID": d.get("eventID"),
                        "status": d.get("status"),
                        "attemptCount": d.get("attemptCount"),
                        "nextAttemptAt": d.get("nextAttemptAt"),
                        "errors": [a.get("error") or a.get("statusCode") for a in d.get("attempts", [])],
                    }
                )
        cursor = page.get("nextCursor")
        path = f"/webhooks/{hook_id}/deliveries?limit=500&cursor={cursor}" if cursor and page["items"] else None
    return detail


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--java", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--pg-port", type=int, required=True)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--tmp", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--duration", type=int, default=30)
    p.add_argument("--kill-at", type=int, default=12)
    p.add_argument("--after-restart", type=int, default=10, help="seconds of writes after the restart")
    p.add_argument("--drain", type=int, default=180, help="seconds to wait for every delivery")
    args = p.parse_args()

    def terminated(signum, _frame):
        # someone else's SIGTERM/SIGINT: say so, and still stop the service (finally below)
        log(f"terminated by signal {signum} (sent by another process)")
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    signal.signal(signal.SIGINT, terminated)
    token = f"{KEY_ID}.{secrets.token_hex(20)}"
    receiver = Receiver()
    service = Service(args, token)
    failures = []
    summary = {}
    try:
        service.start()
        service.wait_ready()
        client = Http(args.http_port, token, timeout=30)
        hook = client.request(
            "POST",
            "/webhooks",
            json.dumps(
                {
                    "url": f"http://127.0.0.1:{receiver.port}/hook",
                    "types": ["opportunity.*"],
                    "description": "faults: kill -9",
                }
            ),
        )
        if hook.status != 201:
            raise RuntimeError(f"POST /webhooks: {hook.status} {hook.body[:300]!r}")
        receiver.secret = hook.json()["secret"]
        hook_id = hook.json()["id"]
        log(f"webhook {hook.json()['id']} delivers to 127.0.0.1:{receiver.port}")

        writes = Writes(args.http_port, token, random.randrange(10**9, 10**12))
        threads = [threading.Thread(target=writes.worker, args=(w,)) for w in range(args.workers)]
        t0 = now()
        for t in threads:
            t.start()
        time.sleep(args.kill_at)
        delivered_before = len(receiver.delivered())
        acked_before = len(writes.created) + len(writes.patched)
        service.kill9()
        log(f"SIGKILL after {now() - t0:.1f} s: {acked_before} writes acknowledged, "
            f"{delivered_before} events delivered so far")
        service.start()
        t_ready = service.wait_ready()
        log(f"restarted, ready after {t_ready - t0:.1f} s")
        # writes and deliveries go on against the new instance
        time.sleep(max(args.after_restart, args.duration - (now() - t0)))
        writes.stop.set()
        for t in threads:
            t.join()
        t_stopped = now()
        log(f"writes stopped: {len(writes.created)} creates and {len(writes.patched)} patches "
            f"acknowledged, {writes.unanswered} requests unanswered (connection lost)")

        events = [e for e in feed(client) if e["type"].startswith("opportunity.")]
        wanted = {e["id"] for e in events}
        deadline = now() + args.drain
        while now() < deadline:
            missing = wanted - set(receiver.delivered())
            if not missing:
                break
            time.sleep(1)
        delivered = receiver.delivered()
        t_drained = now()

        # every acknowledged write has its event
        created_events = {e["resource"]["id"] for e in events if e["type"] == "opportunity.created"}
        updates = collections.defaultdict(set)
        for e in events:
            if e["type"] == "opportunity.updated":
                amount = ((e.get("changes") or {}).get("amount") or {}).get("to")
                if amount is not None:
                    updates[e["resource"]["id"]].add(f"{float(amount):.2f}")
        no_created = [i for i in writes.created if i not in created_events]
        no_updated = [(i, a) for i, a in writes.patched if f"{float(a):.2f}" not in updates[i]]
        if no_created:
            failures.append(f"{len(no_created)} acknowledged creates have no opportunity.created "
                            f"event, e.g. {no_created[:5]}")
        if no_updated:
            failures.append(f"{len(no_updated)} acknowledged patches have no opportunity.updated "
                            f"event with their amount, e.g. {no_updated[:5]}")
        # no event without its change: the opportunities of created events exist
        acked = set(writes.created)
        unacked = sorted(created_events - acked)
        ghosts = []
        for i in unacked[:200]:
            if get(client, f"/opportunities/{i}").status != 200:
                ghosts.append(i)
        if ghosts:
            failures.append(f"{len(ghosts)} opportunity.created events name no opportunity: {ghosts[:5]}")
        # every event delivered at least once, signed
        undelivered = sorted(wanted - set(delivered))
        if undelivered:
            failures.append(f"{len(undelivered)} of {len(wanted)} events never delivered within "
                            f"{args.drain} s, e.g. {undelivered[:5]}")
            summary["undelivered"] = undelivered_detail(client, hook_id, set(undelivered))
        if receiver.bad_signatures:
            failures.append(f"{len(receiver.bad_signatures)} deliveries with no valid signature")
        duplicates = sum(c - 1 for c in delivered.values() if c > 1)
        summary.update(
            {
                "acknowledged_creates": len(writes.created),
                "acknowledged_patches": len(writes.patched),
                "unanswered_requests": writes.unanswered,
                "events_in_feed": len(wanted),
                "created_events_without_ack": len(unacked),
                "delivered_distinct": len(set(delivered) & wanted),
                "duplicate_deliveries": duplicates,
                "receiver_connections_broken": receiver.broken,
                "seconds_to_drain_after_writes": round(t_drained - t_stopped, 1),
                "failures": failures,
            }
        )
    except Exception as e:  # noqa: BLE001 - report whatever stopped the run
        log(f"ERROR: {e!r}")
        summary["error"] = repr(e)
        return_code = 2
    else:
        return_code = 1 if failures else 0
    finally:
        service.stop()
        receiver.close()
    with open(os.path.join(args.results, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)
    for k, v in summary.items():
        log(f"{k}: {v}")
    log("PASS" if return_code == 0 else ("FAIL" if return_code == 1 else "ERROR"))
    return return_code


if __name__ == "__main__":
    sys.exit(main())
