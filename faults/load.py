#!/usr/bin/env python3
"""Fault injection of the opportunities service: the load, the faults and the checks.

Started by faults/run.sh, which owns the throwaway PostgreSQL cluster (created, started, removed)
and passes its data dir and port. This script starts the service, and:

  phase A  writes from several workers (single creates and atomic batches of 50, each request with
           its own Idempotency-Key), kills the service with SIGKILL in the middle, restarts it,
           retries every unacknowledged request with the same key and body, then checks through the
           API that no acknowledged write was lost, no atomic batch was half applied and no
           request was applied twice;
  phase B  a steady load of reads and writes while PostgreSQL is stopped (pg_ctl stop -m
           immediate) and started again: statuses, problem bodies, Retry-After, readiness and
           liveness during the outage, and the time until requests succeed again without a restart.

Standard library only. Exit status 0 when every check passed, 1 when one failed, 2 on an error.
"""

import argparse
import collections
import http.client
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

STAGE_ID = 2
CLOSE_DATE = "2026-12-31"
BATCH_SIZE = 50
KEY_ID = "faults_admin"

# What a body must never show: Java stack frames, exception class names, driver or framework names.
STACK_TRACE = re.compile(
    r"(\tat |\bat [a-z][\w$]*(\.[\w$]+)+\(|Caused by:|\.java:\d+\)|\b[A-Z]\w*(Exception|Error)\b"
    r"|\b(java|javax|jakarta|org\.springframework|org\.hibernate|org\.postgresql|com\.zaxxer)\.[a-z]"
    r"|PSQLException|SQLState|HikariPool)"
)


def now():
    return time.monotonic()


def log(msg):
    print(time.strftime("[%H:%M:%S] ", time.gmtime()) + msg, file=sys.stderr, flush=True)


# -------------------------------------------------------------------------------------------------
# HTTP


class ConnError(Exception):
    """No HTTP answer: refused, reset, closed without an answer, or timed out."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


class Answer:
    __slots__ = ("status", "headers", "body", "sent", "done")

    def __init__(self, status, headers, body, sent, done):
        self.status = status
        self.headers = headers
        self.body = body
        self.sent = sent
        self.done = done

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def header(self, name):
        return self.headers.get(name.lower())


class Http:
    """One keep-alive connection per thread; reconnects after any failure."""

    def __init__(self, port, token=None, timeout=15.0):
        self.port = port
        self.token = token
        self.timeout = timeout
        self.conn = None

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
            self.conn = None

    def request(self, method, path, body=None, headers=None, timeout=None, auth=True):
        hdrs = {"Accept": "application/json, application/problem+json"}
        if auth and self.token:
            hdrs["Authorization"] = "Bearer " + self.token
        if body is not None:
            hdrs["Content-Type"] = "application/json"
        if headers:
            hdrs.update(headers)
        sent = now()
        if self.conn is None:
            self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout or self.timeout)
        else:
            self.conn.timeout = timeout or self.timeout
            if self.conn.sock is not None:
                self.conn.sock.settimeout(timeout or self.timeout)
        try:
            self.conn.request(method, path, body=body, headers=hdrs)
            resp = self.conn.getresponse()
            data = resp.read()
            result = Answer(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data, sent, now())
            if resp.will_close:
                self.close()
            return result
        except ConnectionRefusedError as e:
            self.close()
            raise ConnError("refused", e) from None
        except (socket.timeout, TimeoutError) as e:
            self.close()
            raise ConnError("timeout", e) from None
        except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as e:
            self.close()
            raise ConnError("reset", e) from None
        except (http.client.HTTPException, OSError) as e:
            self.close()
            raise ConnError("other", repr(e)) from None


# -------------------------------------------------------------------------------------------------
# The service and PostgreSQL


class Service:
    def __init__(self, args, token):
        self.args = args
        self.token = token
        self.proc = None
        self.starts = 0
        self.logfile = None

    def start(self):
        self.starts += 1
        path = os.path.join(self.args.results, f"service-{self.starts}.log")
        self.logfile = open(path, "wb")
        env = dict(os.environ)
        env.update(
            SPRING_DATASOURCE_URL=f"jdbc:postgresql://127.0.0.1:{self.args.pg_port}/postgres?reWriteBatchedInserts=true",
            SPRING_DATASOURCE_USERNAME="postgres",
            SPRING_DATASOURCE_PASSWORD="",
            PORT=str(self.args.http_port),
            CRM_BOOTSTRAP_KEY=self.token,
            CRM_RATE_LIMIT_PER_SECOND="0",
        )
        self.proc = subprocess.Popen(
            [self.args.java, "-Xmx512m", "-jar", self.args.jar],
            stdout=self.logfile,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=self.args.tmp,
            start_new_session=True,
        )
        with open(os.path.join(self.args.tmp, "service.pid"), "w") as f:
            f.write(str(self.proc.pid))
        log(f"service instance {self.starts} started (pid {self.proc.pid}, log {path})")
        return self.proc.pid

    def wait_ready(self, timeout=120.0):
        client = Http(self.args.http_port, timeout=10)
        deadline = now() + timeout
        while now() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited with {self.proc.returncode} before it was ready")
            try:
                if client.request("GET", "/actuator/health/readiness", auth=False).status == 200:
                    client.close()
                    return now()
            except ConnError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"the service was not ready within {timeout:.0f} s")

    def kill9(self):
        pid = self.proc.pid
        os.kill(pid, signal.SIGKILL)
        t = now()
        self.proc.wait()
        self.logfile.close()
        return t

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.logfile.close()


class Postgres:
    def __init__(self, args):
        self.args = args

    def _ctl(self, *ctl_args):
        cmd = ["runuser", "-u", "postgres", "--", os.path.join(self.args.pg_bin, "pg_ctl"), "-D", self.args.pgdata]
        cmd += list(ctl_args)
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(f"{' '.join(cmd)} failed: {r.stdout} {r.stderr}")

    def stop_immediate(self):
        self._ctl("-m", "immediate", "-w", "stop")

    def start(self):
        self._ctl("-l", self.args.pg_log, "-w", "-t", "60", "start")


# -------------------------------------------------------------------------------------------------
# Common checks and helpers


def problem_check(ans):
    """For an error answer: (is a problem document, shows a stack trace or exception name)."""
    ctype = (ans.header("content-type") or "").split(";")[0].strip().lower()
    text = ans.body.decode("utf-8", "replace")
    is_problem = False
    if ctype == "application/problem+json":
        try:
            doc = json.loads(text)
            is_problem = isinstance(doc, dict) and doc.get("status") == ans.status and "title" in doc
        except ValueError:
            is_problem = False
    return is_problem, bool(STACK_TRACE.search(text))


def scan_all(client, log_progress=False):
    """Every opportunity, through GET /opportunities?limit=500 and its cursors: id -> (owner, name)."""
    rows = {}
    cursor = None
    pages = 0
    while True:
        path = "/opportunities?limit=500" + ("&cursor=" + urllib.parse.quote(cursor, safe="") if cursor else "")
        ans = call_until_answered(client, "GET", path)
        if ans.status != 200:
            raise RuntimeError(f"GET {path} answered {ans.status}: {ans.body[:300]!r}")
        doc = ans.json()
        for item in doc["items"]:
            rows[item["id"]] = (item["ownerID"], item["opportunityName"])
        pages += 1
        cursor = doc.get("nextCursor")
        if not cursor:
            break
    if log_progress:
        log(f"listed {len(rows)} opportunities in {pages} pages")
    return rows


def find_ids(client, ids):
    """The ids GET /opportunities?id=...&limit=500 finds: id -> (owner, name)."""
    found = {}
    ids = sorted(set(ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        cursor = None
        while True:
            path = "/opportunities?id=" + ",".join(map(str, chunk)) + "&limit=500"
            if cursor:
                path += "&cursor=" + urllib.parse.quote(cursor, safe="")
            ans = call_until_answered(client, "GET", path)
            if ans.status != 200:
                raise RuntimeError(f"GET /opportunities?id=... answered {ans.status}: {ans.body[:300]!r}")
            doc = ans.json()
            for item in doc["items"]:
                found[item["id"]] = (item["ownerID"], item["opportunityName"])
            cursor = doc.get("nextCursor")
            if not cursor:
                break
    return found


def call_until_answered(client, method, path, body=None, headers=None, tries=20):
    last = None
    for _ in range(tries):
        try:
            ans = client.request(method, path, body=body, headers=headers)
            if ans.status != 503:
                return ans
            last = ans
        except ConnError as e:
            last = e
        time.sleep(0.5)
    if isinstance(last, Answer):
        return last
    raise RuntimeError(f"{method} {path}: no answer ({last})")


TAG = re.compile(r"^f([ab])-([sb])-([0-9a-f]{32})(?:-(\d+))?$")


def count_tags(rows):
    counts = collections.Counter()
    untagged = []
    for rid, (_owner, name) in rows.items():
        m = TAG.match(name)
        if m:
            counts[m.group(3)] += 1
        else:
            untagged.append(rid)
    return counts, untagged


LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\dT\S+\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s")


def scan_logs(results):
    """ERROR lines the service logged, per log file, each with its exception chain (first line and
    every 'Caused by'), and the 'Unexpected error' ones (answered 500) counted apart."""
    out = {}
    for name in sorted(os.listdir(results)):
        if not (name.startswith("service-") and name.endswith(".log")):
            continue
        errors, unexpected, kinds, examples = 0, 0, collections.Counter(), []
        current = None
        with open(os.path.join(results, name), errors="replace") as f:
            for line in f:
                m = LOG_LINE.match(line)
                if m:
                    current = None
                    if m.group(1) == "ERROR":
                        errors += 1
                        message = line.split(" : ", 1)[-1].strip()
                        kinds[message[:120]] += 1
                        if "Unexpected error" in line:
                            unexpected += 1
                        if len(examples) < 12:
                            current = {"line": line.strip()[:300], "chain": []}
                            examples.append(current)
                elif current is not None and len(current["chain"]) < 8:
                    text = line.rstrip()
                    if text and not text.startswith(("\tat ", "\t...")) and (
                            text.startswith("Caused by:") or not current["chain"]):
                        current["chain"].append(text[:300])
        out[name] = {"error_lines": errors, "unexpected_error_lines": unexpected,
                     "error_messages": dict(kinds.most_common(10)), "examples": examples}
    return out


# -------------------------------------------------------------------------------------------------
# Phase A: SIGKILL of the service under writes


class Write:
    """One logical write request (a single create or an atomic batch), sent until answered."""

    __slots__ = (
        "kind", "key", "tag", "owner", "path", "body", "n", "worker", "sends", "conn_errors",
        "statuses", "acked", "ack_t", "ids", "replayed", "final", "first_sent", "last_body",
        "in_flight_at_kill",
    )

    def __init__(self, kind, owner, worker, prefix):
        self.kind = kind
        self.key = str(uuid.uuid4())
        self.tag = uuid.uuid4().hex
        self.owner = owner
        self.worker = worker
        if kind == "single":
            self.n = 1
            self.path = "/opportunities"
            item = {"ownerID": owner, "dealStageID": STAGE_ID, "opportunityName": f"f{prefix}-s-{self.tag}",
                    "closeDate": CLOSE_DATE}
            self.body = json.dumps(item).encode()
        else:
            self.n = BATCH_SIZE
            self.path = "/opportunities/batch?atomic=true"
            items = [{"ownerID": owner, "dealStageID": STAGE_ID,
                      "opportunityName": f"f{prefix}-b-{self.tag}-{i:02d}", "closeDate": CLOSE_DATE}
                     for i in range(BATCH_SIZE)]
            self.body = json.dumps({"items": items}).encode()
        self.sends = 0
        self.conn_errors = []
        self.statuses = []
        self.acked = False
        self.ack_t = None
        self.ids = []
        self.replayed = False
        self.final = None
        self.first_sent = None
        self.last_body = None
        self.in_flight_at_kill = False

    def record(self, t0):
        return {
            "kind": self.kind, "key": self.key, "tag": self.tag, "ownerID": self.owner, "worker": self.worker,
            "sends": self.sends, "conn_errors": self.conn_errors, "statuses": self.statuses,
            "acked": self.acked, "ack_s": None if self.ack_t is None else round(self.ack_t - t0, 3),
            "first_sent_s": None if self.first_sent is None else round(self.first_sent - t0, 3),
            "ids": self.ids, "replayed": self.replayed, "final": self.final,
            "in_flight_at_kill": self.in_flight_at_kill,
        }


def ids_of(w, ans):
    doc = ans.json()
    if w.kind == "single":
        return [doc["id"]]
    results = doc["results"]
    if len(results) != BATCH_SIZE or any(r.get("status") != 201 or r.get("id") is None for r in results):
        raise ValueError("a 2xx batch answer whose items were not all created: " + ans.body[:300].decode())
    return [r["id"] for r in results]


class PhaseA:
    def __init__(self, args, service, token):
        self.args = args
        self.service = service
        self.token = token
        self.lock = threading.Lock()
        self.writes = []
        self.owner_seq = 1_000_000
        self.t0 = None
        self.end_time = float("inf")
        self.hard_deadline = float("inf")
        self.t_kill = None
        self.in_flight = {}
        self.answers = collections.Counter()
        self.unexpected = []  # answers other than 2xx, 503, 409 (kept as evidence)
        self.acklog = open(os.path.join(args.results, "acks.jsonl"), "w")

    def new_write(self, rnd, wid):
        with self.lock:
            self.owner_seq += 1
            owner = self.owner_seq
        kind = "batch" if rnd.random() < 0.25 else "single"
        w = Write(kind, owner, wid, "a")
        with self.lock:
            self.writes.append(w)
        return w

    def worker(self, wid):
        client = Http(self.args.http_port, self.token, timeout=20)
        rnd = random.Random(wid * 7919 + int(time.time()))
        retry = []
        while True:
            t = now()
            if t > self.hard_deadline:
                break
            if retry:
                w = retry.pop(0)
            elif t < self.end_time:
                w = self.new_write(rnd, wid)
            else:
                break
            w.sends += 1
            if w.first_sent is None:
                w.first_sent = t
            with self.lock:
                self.in_flight[wid] = w
            try:
                ans = client.request("POST", w.path, body=w.body, headers={"Idempotency-Key": w.key})
            except ConnError as e:
                w.conn_errors.append([round(now() - self.t0, 3), e.kind])
                with self.lock:
                    self.answers["no answer: " + e.kind] += 1
                retry.append(w)
                time.sleep(0.25)
                continue
            finally:
                with self.lock:
                    self.in_flight.pop(wid, None)
            w.statuses.append(ans.status)
            with self.lock:
                self.answers[str(ans.status)] += 1
            if 200 <= ans.status < 300:
                try:
                    w.ids = ids_of(w, ans)
                except (ValueError, KeyError) as e:
                    w.final = "bad answer"
                    w.last_body = ans.body[:500].decode("utf-8", "replace")
                    with self.lock:
                        self.unexpected.append({"key": w.key, "status": ans.status, "error": str(e)})
                    continue
                w.acked = True
                w.ack_t = ans.done
                w.final = "acked"
                w.replayed = (ans.header("idempotent-replayed") or "").lower() == "true"
                with self.lock:
                    self.acklog.write(json.dumps({
                        "t": round(ans.done - self.t0, 3), "kind": w.kind, "key": w.key, "tag": w.tag,
                        "ownerID": w.owner, "ids": w.ids, "replayed": w.replayed, "sends": w.sends,
                        "before_kill": self.t_kill is None or ans.done < self.t_kill}) + "\n")
            elif ans.status in (409, 429, 503) or ans.status >= 500:
                if ans.status not in (409, 503):
                    with self.lock:
                        self.unexpected.append({"key": w.key, "status": ans.status,
                                                "t": round(ans.sent - self.t0, 3),
                                                "body": ans.body[:500].decode("utf-8", "replace")})
                retry.append(w)
                try:
                    wait = min(float(ans.header("retry-after") or 0.5), 1.0)
                except ValueError:
                    wait = 0.5
                time.sleep(wait)
            else:
                w.final = f"refused {ans.status}"
                w.last_body = ans.body[:500].decode("utf-8", "replace")
                with self.lock:
                    self.unexpected.append({"key": w.key, "status": ans.status,
                                            "t": round(ans.sent - self.t0, 3), "body": w.last_body})
        for w in retry:
            w.final = "unresolved"
        client.close()

    def run(self):
        a = self.args
        log(f"phase A: {a.workers} workers write for {a.duration} s (single creates and atomic batches of "
            f"{BATCH_SIZE}, every request with its own Idempotency-Key); SIGKILL of the service at {a.kill_at} s")
        self.t0 = now()
        threads = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(a.workers)]
        for th in threads:
            th.start()
        time.sleep(max(0.0, self.t0 + a.kill_at - now()))
        with self.lock:
            in_flight = list(self.in_flight.values())
            for w in in_flight:
                w.in_flight_at_kill = True
            acked_so_far = sum(1 for w in self.writes if w.acked)
        self.t_kill = self.service.kill9()
        log(f"phase A: killed the service with SIGKILL at {self.t_kill - self.t0:.1f} s "
            f"({acked_so_far} writes acknowledged, {len(in_flight)} in flight)")
        self.service.start()
        t_ready = self.service.wait_ready(120)
        self.end_time = max(self.t0 + a.duration, t_ready + 5)
        self.hard_deadline = self.end_time + 40
        log(f"phase A: service ready again at {t_ready - self.t0:.1f} s ({t_ready - self.t_kill:.1f} s after the kill); "
            f"writes go on until {self.end_time - self.t0:.1f} s, then the retries drain")
        for th in threads:
            th.join()
        t_end = now()
        self.acklog.close()
        log(f"phase A: writes done at {t_end - self.t0:.1f} s; checking")
        return self.check(t_ready, t_end)

    def replay_check(self, client):
        """Resend a few requests acknowledged before the kill, same key and body: expect replays."""
        before = [w for w in self.writes if w.acked and w.ack_t < self.t_kill and not w.replayed]
        sample = [w for w in before if w.kind == "single"][:10] + [w for w in before if w.kind == "batch"][:5]
        bad = []
        for w in sample:
            ans = call_until_answered(client, "POST", w.path, body=w.body, headers={"Idempotency-Key": w.key})
            replayed = (ans.header("idempotent-replayed") or "").lower() == "true"
            ok = 200 <= ans.status < 300 and replayed
            if ok:
                try:
                    ok = ids_of(w, ans) == w.ids
                except (ValueError, KeyError):
                    ok = False
            if not ok:
                bad.append({"key": w.key, "kind": w.kind, "status": ans.status, "replayed": replayed,
                            "body": ans.body[:300].decode("utf-8", "replace")})
        return len(sample), bad

    def check(self, t_ready, t_end):
        client = Http(self.args.http_port, self.token, timeout=30)
        writes = self.writes
        replay_sent, replay_bad = self.replay_check(client)
        rows = scan_all(client, log_progress=True)
        acked_ids = [i for w in writes if w.acked for i in w.ids]
        by_id = find_ids(client, acked_ids)
        tag_counts, untagged = count_tags(rows)
        known_tags = {w.tag for w in writes}
        orphans = [rid for rid, (_o, name) in rows.items() if TAG.match(name) and TAG.match(name).group(3) not in known_tags]
        orphans += untagged

        lost_ids = [i for i in acked_ids if i not in by_id]
        lost_writes = [w for w in writes if w.acked and any(i not in by_id for i in w.ids)]
        wrong_ids = [w for w in writes if w.acked and any(
            i in by_id and (by_id[i][0] != w.owner or w.tag not in by_id[i][1]) for i in w.ids)]
        half, dup_singles, dup_batches = [], [], []
        for w in writes:
            c = tag_counts.get(w.tag, 0)
            if w.kind == "batch":
                if 0 < c < BATCH_SIZE:
                    half.append((w, c))
                elif c > BATCH_SIZE:
                    dup_batches.append((w, c))
            elif c > 1:
                dup_singles.append((w, c))
        unresolved = [w for w in writes if w.final == "unresolved"]
        unresolved_applied = [w for w in unresolved if tag_counts.get(w.tag, 0) > 0]
        refused = [w for w in writes if w.final and w.final.startswith(("refused", "bad"))]
        retried = [w for w in writes if w.sends > 1]
        retried_replayed = [w for w in retried if w.acked and w.replayed]
        retried_fresh = [w for w in retried if w.acked and not w.replayed]
        retried_bad = [w for w in retried if w.acked and tag_counts.get(w.tag, 0) != w.n]
        in_flight_at_kill = [w for w in writes if w.in_flight_at_kill]

        s = {
            "workers": self.args.workers,
            "kill_at_s": round(self.t_kill - self.t0, 2),
            "ready_again_s": round(t_ready - self.t0, 2),
            "downtime_s": round(t_ready - self.t_kill, 2),
            "end_s": round(t_end - self.t0, 2),
            "writes_sent": len(writes),
            "writes_sent_single": sum(1 for w in writes if w.kind == "single"),
            "writes_sent_batch": sum(1 for w in writes if w.kind == "batch"),
            "rows_sent": sum(w.n for w in writes),
            "http_requests": sum(w.sends for w in writes) + replay_sent,
            "answers": dict(sorted(self.answers.items())),
            "acknowledged": sum(1 for w in writes if w.acked),
            "acknowledged_rows": len(acked_ids),
            "acknowledged_before_kill": sum(1 for w in writes if w.acked and w.ack_t < self.t_kill),
            "acknowledged_after_kill": sum(1 for w in writes if w.acked and w.ack_t >= self.t_kill),
            "in_flight_at_kill": len(in_flight_at_kill),
            "rows_in_database": len(rows),
            "found": len(acked_ids) - len(lost_ids),
            "lost": len(lost_ids),
            "lost_writes": len(lost_writes),
            "wrong_ids": len(wrong_ids),
            "atomic_batches": sum(1 for w in writes if w.kind == "batch"),
            "atomic_batches_complete": sum(1 for w in writes if w.kind == "batch" and tag_counts.get(w.tag, 0) == BATCH_SIZE),
            "atomic_batches_absent": sum(1 for w in writes if w.kind == "batch" and tag_counts.get(w.tag, 0) == 0),
            "half_applied_batches": len(half),
            "duplicates": len(dup_singles) + len(dup_batches),
            "duplicate_singles": len(dup_singles),
            "duplicate_batches": len(dup_batches),
            "retried_requests": len(retried),
            "retried_replayed": len(retried_replayed),
            "retried_executed_once": len(retried_fresh) - sum(1 for w in retried_fresh if w in retried_bad),
            "retried_not_applied_once": len(retried_bad),
            "replays_seen": sum(1 for w in writes if w.replayed),
            "replay_check_sent": replay_sent,
            "replay_check_failed": len(replay_bad),
            "unresolved": len(unresolved),
            "unresolved_applied": len(unresolved_applied),
            "refused": len(refused),
            "orphan_rows": len(orphans),
            "unexpected_answers": len(self.unexpected),
        }
        evidence = {
            "lost_writes": [w.record(self.t0) for w in lost_writes[:20]],
            "wrong_ids": [w.record(self.t0) for w in wrong_ids[:20]],
            "half_applied": [dict(w.record(self.t0), rows=c) for w, c in half[:20]],
            "duplicates": [dict(w.record(self.t0), rows=c) for w, c in (dup_singles + dup_batches)[:20]],
            "retried": [dict(w.record(self.t0), rows=tag_counts.get(w.tag, 0)) for w in retried[:50]],
            "unresolved": [dict(w.record(self.t0), rows=tag_counts.get(w.tag, 0)) for w in unresolved[:20]],
            "refused": [dict(w.record(self.t0), body=w.last_body) for w in refused[:20]],
            "replay_check_failed": replay_bad[:20],
            "orphan_rows": [dict(id=i, owner=rows[i][0], name=rows[i][1]) for i in orphans[:20]],
            "unexpected_answers": self.unexpected[:30],
        }
        with open(os.path.join(self.args.results, "phase-a-requests.jsonl"), "w") as f:
            for w in writes:
                f.write(json.dumps(dict(w.record(self.t0), rows=tag_counts.get(w.tag, 0))) + "\n")
        failures = []
        if s["lost"]:
            failures.append(f"phase A: {s['lost']} acknowledged rows lost ({s['lost_writes']} writes)")
        if s["half_applied_batches"]:
            failures.append(f"phase A: {s['half_applied_batches']} atomic batches half applied")
        if s["duplicates"]:
            failures.append(f"phase A: {s['duplicates']} requests applied more than once")
        if s["wrong_ids"]:
            failures.append(f"phase A: {s['wrong_ids']} acknowledged ids hold another request's row")
        if s["retried_not_applied_once"]:
            failures.append(f"phase A: {s['retried_not_applied_once']} retried requests not applied exactly once")
        if s["replay_check_failed"]:
            failures.append(f"phase A: {s['replay_check_failed']} of {replay_sent} resent requests not replayed")
        if s["unresolved"]:
            failures.append(f"phase A: {s['unresolved']} requests never got an answer after the restart")
        if s["refused"]:
            failures.append(f"phase A: {s['refused']} requests refused (4xx) or answered wrongly")
        if s["orphan_rows"]:
            failures.append(f"phase A: {s['orphan_rows']} rows that no request asked for")
        other5xx = sum(n for k, n in self.answers.items() if k.isdigit() and int(k) >= 500 and k != "503")
        s["other_5xx"] = other5xx
        if other5xx:
            failures.append(f"phase A: {other5xx} answers 5xx other than 503")
        client.close()
        return s, evidence, failures, [i for w in writes if w.acked for i in w.ids]


# -------------------------------------------------------------------------------------------------
# Phase B: PostgreSQL stopped under load


class PhaseB:
    OPS = [("get_one", 30), ("list_ids", 15), ("list_owner", 5), ("create_key", 20), ("create_nokey", 15),
           ("batch_key", 8), ("batch_nokey", 7)]

    def __init__(self, args, service, pg, token, existing_ids):
        self.args = args
        self.service = service
        self.pg = pg
        self.token = token
        self.existing = existing_ids
        self.lock = threading.Lock()
        self.answers = []
        self.probes = []
        self.stop = False
        self.owner_seq = 2_000_000
        self.creates = []  # (kind, key or None, tag, owner, body, n, path, statuses, ids)
        self.t0 = None

    def next_owner(self):
        with self.lock:
            self.owner_seq += 1
            return self.owner_seq

    def op_request(self, op, rnd):
        """(method, path, body, headers, create record or None)"""
        if op == "get_one":
            return "GET", f"/opportunities/{rnd.choice(self.existing)}", None, None, None
        if op == "list_ids":
            ids = rnd.sample(self.existing, min(20, len(self.existing)))
            return "GET", "/opportunities?id=" + ",".join(map(str, ids)) + "&limit=500", None, None, None
        if op == "list_owner":
            return "GET", f"/opportunities?ownerID={rnd.randint(2_000_001, max(2_000_001, self.owner_seq))}&limit=500", None, None, None
        kind = "batch" if op.startswith("batch") else "single"
        w = Write(kind, self.next_owner(), -1, "b")
        if kind == "batch":
            # a smaller batch keeps the load steady
            items = json.loads(w.body)["items"][:10]
            w.body = json.dumps({"items": items}).encode()
            w.n = 10
        headers = {"Idempotency-Key": w.key} if op.endswith("_key") else None
        if headers is None:
            w.key = None
        with self.lock:
            self.creates.append(w)
        return "POST", w.path, w.body, headers, w

    def worker(self, wid):
        client = Http(self.args.http_port, self.token, timeout=15)
        rnd = random.Random(wid * 104729 + int(time.time()))
        names = [o for o, _ in self.OPS]
        weights = [wt for _, wt in self.OPS]
        while not self.stop:
            op = rnd.choices(names, weights)[0]
            method, path, body, headers, w = self.op_request(op, rnd)
            rec = {"op": op, "method": method, "path": path if len(path) < 120 else path[:117] + "...",
                   "sent": now()}
            try:
                ans = client.request(method, path, body=body, headers=headers)
                rec.update(done=ans.done, status=ans.status,
                           ctype=ans.header("content-type"), retry_after=ans.header("retry-after"),
                           replayed=(ans.header("idempotent-replayed") or "").lower() == "true")
                if ans.status >= 400:
                    rec["problem"], rec["stack"] = problem_check(ans)
                    rec["body"] = ans.body[:600].decode("utf-8", "replace")
                else:
                    rec["problem"], rec["stack"] = True, False
                if w is not None:
                    w.statuses.append(ans.status)
                    if 200 <= ans.status < 300:
                        try:
                            doc = ans.json()
                            w.ids = [doc["id"]] if w.kind == "single" else [r["id"] for r in doc["results"]]
                            w.acked = True
                            w.ack_t = ans.done
                        except (ValueError, KeyError):
                            w.final = "bad answer"
            except ConnError as e:
                rec.update(done=now(), status=None, error=e.kind)
                if w is not None:
                    w.conn_errors.append(e.kind)
            with self.lock:
                self.answers.append(rec)
            time.sleep(0.01)
        client.close()

    def prober(self, which):
        client = Http(self.args.http_port, timeout=15)
        path = f"/actuator/health/{which}"
        while not self.stop:
            t = now()
            try:
                ans = client.request("GET", path, auth=False)
                rec = {"probe": which, "sent": t, "done": ans.done, "status": ans.status}
            except ConnError as e:
                rec = {"probe": which, "sent": t, "done": now(), "status": None, "error": e.kind}
            with self.lock:
                self.probes.append(rec)
            time.sleep(max(0.0, 0.5 - (now() - t)))
        client.close()

    def run(self):
        a = self.args
        log(f"phase B: {a.b_workers} workers (reads and creates), readiness and liveness probed every 0.5 s; "
            f"PostgreSQL stopped (-m immediate) for {a.outage} s")
        self.t0 = now()
        threads = [threading.Thread(target=self.worker, args=(i,), daemon=True) for i in range(a.b_workers)]
        threads += [threading.Thread(target=self.prober, args=(p,), daemon=True) for p in ("readiness", "liveness")]
        for th in threads:
            th.start()
        time.sleep(4)
        t_stop0 = now()
        self.pg.stop_immediate()
        t_stopped = now()
        log(f"phase B: PostgreSQL stopped at {t_stopped - self.t0:.1f} s")
        time.sleep(max(0.0, t_stop0 + a.outage - now()))
        t_start0 = now()
        self.pg.start()
        t_up = now()
        log(f"phase B: PostgreSQL started again at {t_up - self.t0:.1f} s (took {t_up - t_start0:.1f} s); "
            f"waiting for the service to recover by itself")
        recovered_at = None
        deadline = t_up + 60
        while now() < deadline:
            time.sleep(0.5)
            if self.recovered(t_up):
                recovered_at = now()
                break
        if recovered_at is not None:
            log(f"phase B: requests succeed again ({recovered_at - t_up:.1f} s after PostgreSQL was back); "
                f"2 s more of load")
            time.sleep(2)
        else:
            log("phase B: NO RECOVERY within 60 s of PostgreSQL being back")
        self.stop = True
        for th in threads:
            th.join(timeout=30)
        t_end = now()
        return self.check(t_stop0, t_stopped, t_start0, t_up, t_end, recovered_at is not None)

    def recovered(self, t_up):
        """Readiness 200 and every kind of request answered 2xx since PostgreSQL is back, and no
        failure among the requests sent in the last 2 s."""
        with self.lock:
            after = [r for r in self.answers if r["sent"] >= t_up]
            probes = [p for p in self.probes if p["sent"] >= t_up and p["probe"] == "readiness"]
        if not probes or probes[-1]["status"] != 200:
            return False
        ok_ops = {r["op"] for r in after if r.get("status") is not None and 200 <= r["status"] < 300}
        if not {o for o, _ in self.OPS} <= ok_ops:
            return False
        recent = [r for r in after if r["sent"] >= now() - 2.5]
        return len(recent) >= 5 and all(r.get("status") is not None and r["status"] < 400 for r in recent)

    def check(self, t_stop0, t_stopped, t_start0, t_up, t_end, recovered):
        a = self.args
        rel = lambda t: round(t - self.t0, 3)  # noqa: E731
        ans = self.answers

        def window(r):
            """before: answered before the stop; at_stop: in flight when PostgreSQL stopped;
            outage: sent while it was down; after: sent once it was being started again."""
            if r["done"] < t_stop0:
                return "before"
            if r["sent"] < t_stop0:
                return "at_stop"
            if r["sent"] < t_start0:
                return "outage"
            return "after"

        per = {w: collections.Counter() for w in ("before", "at_stop", "outage", "after")}
        lat = {w: [] for w in per}
        for r in ans:
            w = window(r)
            per[w]["no answer: " + r["error"] if r.get("status") is None else str(r["status"])] += 1
            lat[w].append(r["done"] - r["sent"])
        errors = [r for r in ans if r.get("status") is not None and r["status"] >= 400]
        non_problem = [r for r in errors if not r.get("problem")]
        stacks = [r for r in ans if r.get("stack")]
        other5xx = [r for r in ans if r.get("status") is not None and r["status"] >= 500 and r["status"] != 503]
        no_retry_after = [r for r in ans if r.get("status") == 503 and not r.get("retry_after")]
        no_answer = [r for r in ans if r.get("status") is None]
        outage = [r for r in ans if window(r) == "outage"]
        after = [r for r in ans if window(r) == "after"]

        # recovery, by the time answers arrive: from PostgreSQL accepting connections again to the
        # first success after the last failure (a request sent during the outage may still fail after)
        failed = lambda r: r.get("status") is None or r["status"] >= 400  # noqa: E731
        answered_after = [r for r in ans if r["done"] >= t_up]
        failed_after = [r for r in answered_after if failed(r)]
        last_fail = max((r["done"] for r in failed_after), default=None)
        ok_after = sorted((r for r in answered_after if not failed(r) and (last_fail is None or r["done"] > last_fail)),
                          key=lambda r: r["done"])
        first_ok = min((r["done"] for r in answered_after if not failed(r)), default=None)
        recovery_s = round(max(0.0, ok_after[0]["done"] - t_up), 2) if (ok_after and recovered) else None
        sent_after_failed = [r for r in after if failed(r)]

        rdy = [p for p in self.probes if p["probe"] == "readiness"]
        liv = [p for p in self.probes if p["probe"] == "liveness"]
        # probes answered while PostgreSQL was down (a probe sent then may be answered once it is back)
        rdy_outage = [p for p in rdy if t_stopped <= p["done"] <= t_start0]
        liv_outage = [p for p in liv if t_stopped <= p["done"] <= t_start0]
        rdy_wrong = [p for p in rdy_outage if p["status"] == 200 and p["sent"] >= t_stopped + 0.5]
        rdy_back = min((p["done"] for p in rdy if p["sent"] >= t_up and p["status"] == 200), default=None)
        rdy_down_first = min((p["done"] for p in rdy if p["sent"] >= t_stop0 and p["status"] == 503), default=None)
        rdy_after_not_200 = [p for p in rdy if rdy_back is not None and p["sent"] > rdy_back and p["status"] != 200]

        # writes: acknowledged ones must be there; retry the unacknowledged ones that had a key
        client = Http(a.http_port, self.token, timeout=30)
        retried_b, retry_bad = 0, []
        for w in self.creates:
            if w.acked or w.key is None:
                continue
            retried_b += 1
            r = call_until_answered(client, "POST", w.path, body=w.body, headers={"Idempotency-Key": w.key})
            if 200 <= r.status < 300:
                doc = r.json()
                w.ids = [doc["id"]] if w.kind == "single" else [x["id"] for x in doc["results"]]
                w.acked = True
                w.replayed = (r.header("idempotent-replayed") or "").lower() == "true"
            else:
                retry_bad.append({"key": w.key, "status": r.status, "body": r.body[:300].decode("utf-8", "replace")})
        rows = scan_all(client)
        tag_counts, _ = count_tags(rows)
        acked_ids = [i for w in self.creates if w.acked for i in w.ids]
        by_id = find_ids(client, acked_ids)
        client.close()
        lost = [i for i in acked_ids if i not in by_id]
        dups = [w for w in self.creates if tag_counts.get(w.tag, 0) > w.n]
        half = [w for w in self.creates if w.kind == "batch" and 0 < tag_counts.get(w.tag, 0) < w.n]
        nokey_failed = [w for w in self.creates if w.key is None and not w.acked]
        nokey_failed_applied = [w for w in nokey_failed if tag_counts.get(w.tag, 0) > 0]
        key_503_then_replayed = sum(1 for w in self.creates if w.key is not None and w.replayed)

        def lat_stats(v):
            if not v:
                return None
            v = sorted(v)
            return {"median_s": round(statistics.median(v), 3), "max_s": round(v[-1], 3)}

        s = {
            "workers": a.b_workers,
            "pg_stopped_s": rel(t_stopped),
            "pg_started_s": rel(t_start0),
            "pg_accepting_s": rel(t_up),
            "outage_s": round(t_up - t_stop0, 2),
            "requests": len(ans),
            "requests_during_outage": len(outage),
            "answers_before": dict(sorted(per["before"].items())),
            "answers_at_stop": dict(sorted(per["at_stop"].items())),
            "answers_during_outage": dict(sorted(per["outage"].items())),
            "answers_after": dict(sorted(per["after"].items())),
            "latency_before": lat_stats(lat["before"]),
            "latency_at_stop": lat_stats(lat["at_stop"]),
            "latency_during_outage": lat_stats(lat["outage"]),
            "latency_after": lat_stats(lat["after"]),
            "503_during_outage": sum(1 for r in outage if r.get("status") == 503),
            "503_total": sum(1 for r in ans if r.get("status") == 503),
            "503_without_retry_after": len(no_retry_after),
            "other_5xx": len(other5xx),
            "other_5xx_during_outage": sum(1 for r in other5xx if window(r) == "outage"),
            "other_5xx_at_stop": sum(1 for r in other5xx if window(r) == "at_stop"),
            "other_5xx_by_op": dict(collections.Counter(r["op"] for r in other5xx)),
            "client_errors_4xx": sum(1 for r in errors if r["status"] < 500),
            "non_problem_error_bodies": len(non_problem),
            "stack_traces_seen": len(stacks),
            "no_answer": len(no_answer),
            "readiness_probes_during_outage": len(rdy_outage),
            "readiness_503_during_outage": sum(1 for p in rdy_outage if p["status"] == 503),
            "readiness_other_during_outage": sum(1 for p in rdy_outage if p["status"] != 503),
            "readiness_200_while_database_down": len(rdy_wrong),
            "readiness_down_after_s": round(rdy_down_first - t_stop0, 2) if rdy_down_first else None,
            "readiness_max_latency_during_outage_s": round(max((p["done"] - p["sent"] for p in rdy_outage), default=0), 3),
            "liveness_probes_during_outage": len(liv_outage),
            "liveness_200_during_outage": sum(1 for p in liv_outage if p["status"] == 200),
            "liveness_max_latency_during_outage_s": round(max((p["done"] - p["sent"] for p in liv_outage), default=0), 3),
            "readiness_back_s": round(rdy_back - t_up, 2) if rdy_back else None,
            "readiness_not_200_after_back": len(rdy_after_not_200),
            "first_success_after_pg_back_s": round(max(0.0, first_ok - t_up), 2) if first_ok else None,
            "failures_answered_after_pg_back": len(failed_after),
            "failures_sent_after_pg_back": len(sent_after_failed),
            "last_failure_after_pg_back_s": round(last_fail - t_up, 2) if last_fail else None,
            "recovered": recovered,
            "recovery_s": recovery_s,
            "creates_sent": len(self.creates),
            "creates_acknowledged_during_load": sum(1 for w in self.creates if w.ack_t is not None),
            "idempotent_creates_retried_after": retried_b,
            "idempotent_retries_replayed": key_503_then_replayed,
            "idempotent_retries_failed": len(retry_bad),
            "acknowledged_rows_lost": len(lost),
            "duplicates": len(dups),
            "half_applied_batches": len(half),
            "unkeyed_creates_failed": len(nokey_failed),
            "unkeyed_creates_failed_but_applied": len(nokey_failed_applied),
        }
        strip = lambda r: {k: (round(v - self.t0, 3) if k in ("sent", "done") else v) for k, v in r.items()}  # noqa: E731
        evidence = {
            "other_5xx": [strip(r) for r in other5xx[:20]],
            "non_problem_error_bodies": [strip(r) for r in non_problem[:20]],
            "stack_traces": [strip(r) for r in stacks[:20]],
            "503_without_retry_after": [strip(r) for r in no_retry_after[:20]],
            "client_errors_4xx": [strip(r) for r in errors if r["status"] < 500][:20],
            "no_answer": [strip(r) for r in no_answer[:20]],
            "failures_answered_after_pg_back": [strip(r) for r in failed_after[:20]],
            "readiness_200_while_database_down": [strip(p) for p in rdy_wrong[:20]],
            "readiness_not_200_after_back": [strip(p) for p in rdy_after_not_200[:20]],
            "idempotent_retries_failed": retry_bad[:20],
            "lost_ids": lost[:50],
            "duplicates": [dict(w.record(self.t0), rows=tag_counts.get(w.tag, 0)) for w in dups[:20]],
            "unkeyed_creates_failed_but_applied": [dict(w.record(self.t0), rows=tag_counts.get(w.tag, 0)) for w in nokey_failed_applied[:20]],
        }
        with open(os.path.join(a.results, "phase-b-answers.jsonl"), "w") as f:
            for r in ans:
                f.write(json.dumps(dict(strip(r), window=window(r))) + "\n")
        with open(os.path.join(a.results, "phase-b-probes.jsonl"), "w") as f:
            for p in self.probes:
                f.write(json.dumps(strip(p)) + "\n")

        failures = []
        if s["other_5xx"]:
            failures.append(f"phase B: {s['other_5xx']} answers 5xx other than 503 ({s['other_5xx_at_stop']} to requests in flight "
                            f"when PostgreSQL stopped, {s['other_5xx_during_outage']} to requests sent during the outage)")
        if s["non_problem_error_bodies"]:
            failures.append(f"phase B: {s['non_problem_error_bodies']} error answers not application/problem+json")
        if s["stack_traces_seen"]:
            failures.append(f"phase B: {s['stack_traces_seen']} bodies show a stack trace or an exception name")
        if s["503_without_retry_after"]:
            failures.append(f"phase B: {s['503_without_retry_after']} answers 503 without Retry-After")
        if s["requests_during_outage"] and not s["503_during_outage"]:
            failures.append("phase B: no 503 during the outage")
        if not s["readiness_503_during_outage"]:
            failures.append("phase B: readiness never answered 503 during the outage")
        if s["readiness_200_while_database_down"]:
            failures.append(f"phase B: readiness answered 200 {s['readiness_200_while_database_down']} times while the database was down")
        if s["liveness_200_during_outage"] != s["liveness_probes_during_outage"] or not s["liveness_probes_during_outage"]:
            failures.append("phase B: liveness did not answer 200 throughout the outage")
        if not recovered:
            failures.append("phase B: requests did not succeed again within 60 s of PostgreSQL being back")
        if s["readiness_back_s"] is None:
            failures.append("phase B: readiness did not return to 200")
        if s["acknowledged_rows_lost"]:
            failures.append(f"phase B: {s['acknowledged_rows_lost']} acknowledged rows lost")
        if s["duplicates"] or s["half_applied_batches"]:
            failures.append(f"phase B: {s['duplicates']} duplicates, {s['half_applied_batches']} half-applied batches")
        if s["idempotent_retries_failed"]:
            failures.append(f"phase B: {s['idempotent_retries_failed']} retries after the outage failed")
        return s, evidence, failures


# -------------------------------------------------------------------------------------------------
# Summary


def fmt_counter(d):
    return ", ".join(f"{k}: {v}" for k, v in d.items()) or "none"


def summary_text(meta, a, b, failures, logs, evidence):
    L = []
    L.append(f"Fault injection of the opportunities service — {meta['started_utc']}")
    L.append(f"jar {meta['jar']}  java {meta['java']}  PostgreSQL port {meta['pg_port']}  HTTP port {meta['http_port']}")
    L.append("")
    if a is not None:
        L.append("Phase A: SIGKILL of the service under writes, restart, retries with the same Idempotency-Key")
        L.append(f"  workers {a['workers']}; killed at {a['kill_at_s']} s, ready again at {a['ready_again_s']} s "
                 f"(down {a['downtime_s']} s), writes ended at {a['end_s']} s")
        L.append(f"  writes sent                 {a['writes_sent']} ({a['writes_sent_single']} single, "
                 f"{a['writes_sent_batch']} atomic batches of {BATCH_SIZE}; {a['rows_sent']} rows; "
                 f"{a['http_requests']} HTTP requests)")
        L.append(f"  answers                     {fmt_counter(a['answers'])}")
        L.append(f"  acknowledged                {a['acknowledged']} writes, {a['acknowledged_rows']} rows")
        L.append(f"    before the kill           {a['acknowledged_before_kill']}")
        L.append(f"    after the kill            {a['acknowledged_after_kill']}")
        L.append(f"  in flight at the kill       {a['in_flight_at_kill']}")
        L.append(f"  found (acknowledged rows)   {a['found']}   of {a['acknowledged_rows']}; rows in the database {a['rows_in_database']}")
        L.append(f"  LOST                        {a['lost']}")
        L.append(f"  atomic batches              {a['atomic_batches']}: {a['atomic_batches_complete']} complete, "
                 f"{a['atomic_batches_absent']} absent")
        L.append(f"  HALF-APPLIED BATCHES        {a['half_applied_batches']}")
        L.append(f"  DUPLICATES                  {a['duplicates']} ({a['duplicate_singles']} single, {a['duplicate_batches']} batch)")
        L.append(f"  retried requests            {a['retried_requests']}: {a['retried_replayed']} replayed, "
                 f"{a['retried_executed_once']} executed once, {a['retried_not_applied_once']} not applied exactly once")
        L.append(f"  replays seen                {a['replays_seen']}")
        L.append(f"  replay check                {a['replay_check_sent'] - a['replay_check_failed']} of "
                 f"{a['replay_check_sent']} acknowledged requests resent with their key were replayed with the same ids")
        L.append(f"  unresolved / refused / orphan rows / wrong ids / other 5xx   "
                 f"{a['unresolved']} / {a['refused']} / {a['orphan_rows']} / {a['wrong_ids']} / {a['other_5xx']}")
        L.append("")
    if b is not None:
        L.append("Phase B: PostgreSQL stopped (pg_ctl stop -m immediate) under load, started again, no service restart")
        L.append(f"  workers {b['workers']}; PostgreSQL stopped at {b['pg_stopped_s']} s, started at {b['pg_started_s']} s, "
                 f"accepting at {b['pg_accepting_s']} s (outage {b['outage_s']} s)")
        L.append(f"  requests                    {b['requests']} in all; during the outage {b['requests_during_outage']}")
        L.append(f"  answers before the stop     {fmt_counter(b['answers_before'])}   latency {b['latency_before']}")
        L.append(f"  in flight at the stop       {fmt_counter(b['answers_at_stop'])}   latency {b['latency_at_stop']}")
        L.append(f"  answers during the outage   {fmt_counter(b['answers_during_outage'])}   latency {b['latency_during_outage']}")
        L.append(f"  answers after (sent from the start of PostgreSQL on) {fmt_counter(b['answers_after'])}   latency {b['latency_after']}")
        L.append(f"  503 during the outage       {b['503_during_outage']} ({b['503_total']} in all; without Retry-After: {b['503_without_retry_after']})")
        L.append(f"  OTHER 5xx                   {b['other_5xx']} ({b['other_5xx_at_stop']} in flight at the stop, "
                 f"{b['other_5xx_during_outage']} sent during the outage; by request: {fmt_counter(b['other_5xx_by_op'])})")
        L.append(f"  other errors (4xx)          {b['client_errors_4xx']}")
        L.append(f"  NON-PROBLEM ERROR BODIES    {b['non_problem_error_bodies']}")
        L.append(f"  STACK TRACES SEEN           {b['stack_traces_seen']}")
        L.append(f"  no answer (client side)     {b['no_answer']}")
        L.append(f"  readiness during outage     {b['readiness_503_during_outage']} of {b['readiness_probes_during_outage']} probes answered 503 "
                 f"(first 503 {b['readiness_down_after_s']} s after the stop; slowest {b['readiness_max_latency_during_outage_s']} s; "
                 f"200 while the database was down: {b['readiness_200_while_database_down']})")
        L.append(f"  liveness during outage      {b['liveness_200_during_outage']} of {b['liveness_probes_during_outage']} probes 200 "
                 f"(slowest {b['liveness_max_latency_during_outage_s']} s)")
        L.append(f"  readiness 200 again         {b['readiness_back_s']} s after PostgreSQL accepted connections")
        L.append(f"  first success               {b['first_success_after_pg_back_s']} s after; failures answered after PostgreSQL was back: "
                 f"{b['failures_answered_after_pg_back']} (last {b['last_failure_after_pg_back_s']} s after; "
                 f"{b['failures_sent_after_pg_back']} of them sent after)")
        L.append(f"  TIME TO RECOVERY            {b['recovery_s']} s (every request succeeding again, no restart)")
        L.append(f"  writes                      {b['creates_sent']} creates; unacknowledged keyed ones retried after: "
                 f"{b['idempotent_creates_retried_after']} ({b['idempotent_retries_replayed']} replayed, {b['idempotent_retries_failed']} failed)")
        L.append(f"  acknowledged rows lost      {b['acknowledged_rows_lost']}; duplicates {b['duplicates']}; half-applied {b['half_applied_batches']}")
        L.append(f"  unkeyed creates that failed {b['unkeyed_creates_failed']}, of which applied anyway: {b['unkeyed_creates_failed_but_applied']}")
        L.append("")
    L.append("Service logs: " + "; ".join(
        f"{k}: {v['error_lines']} ERROR lines ({v['unexpected_error_lines']} 'Unexpected error', answered 500)"
        for k, v in logs.items()))
    for k, v in logs.items():
        for message, n in v["error_messages"].items():
            L.append(f"  {k}: {n} x {message}")
    L.append("")
    shown = False
    for phase, ev in evidence.items():
        for what, items in ev.items():
            if not items or what in ("retried", "failures_answered_after_pg_back"):
                continue
            if not shown:
                L.append("Evidence (first items; all of it in summary.json and the *.jsonl files):")
                shown = True
            L.append(f"  {phase} / {what}:")
            for item in items[:3]:
                L.append("    " + json.dumps(item)[:700])
    for k, v in logs.items():
        for ex in v["examples"]:
            if "Unexpected error" in ex["line"]:
                if not shown:
                    L.append("Evidence:")
                    shown = True
                L.append(f"  {k}: {ex['line']}")
                for c in ex["chain"]:
                    L.append(f"      {c}")
    if shown:
        L.append("")
    if failures:
        L.append("RESULT: FAILED")
        L.extend("  - " + f for f in failures)
    else:
        L.append("RESULT: PASSED (every check)")
    return "\n".join(L) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--java", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--pg-bin", required=True)
    p.add_argument("--pgdata", required=True)
    p.add_argument("--pg-log", required=True)
    p.add_argument("--pg-port", type=int, required=True)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--tmp", required=True)
    p.add_argument("--results", required=True)
    p.add_argument("--phases", default="ab")
    p.add_argument("--workers", type=int, default=8)
    p.add_argument("--duration", type=int, default=20)
    p.add_argument("--kill-at", type=int, default=8)
    p.add_argument("--outage", type=int, default=10)
    p.add_argument("--b-workers", type=int, default=10)
    args = p.parse_args()

    def terminated(signum, _frame):
        log(f"load.py received signal {signum}: stopping")
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    token = f"{KEY_ID}.{secrets.token_hex(20)}"
    started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    meta = {"started_utc": started, "jar": os.environ.get("FAULTS_JAR_SOURCE") or args.jar, "java": java_version, "pg_port": args.pg_port,
            "http_port": args.http_port}
    service = Service(args, token)
    pg = Postgres(args)
    a = b = None
    ev = {}
    failures = []
    rc = 0
    try:
        service.start()
        t = now()
        service.wait_ready(120)
        log(f"service ready in {now() - t:.1f} s")
        existing = []
        if "a" in args.phases:
            a, ev["phase_a"], fa, existing = PhaseA(args, service, token).run()
            failures += fa
        if "b" in args.phases:
            client = Http(args.http_port, token)
            if len(existing) < 100:
                items = [{"ownerID": 999, "dealStageID": STAGE_ID, "opportunityName": f"seed-{i}",
                          "closeDate": CLOSE_DATE} for i in range(200)]
                r = client.request("POST", "/opportunities/batch", body=json.dumps({"items": items}).encode())
                existing += [x["id"] for x in r.json()["results"]]
            client.close()
            rnd = random.Random(1)
            existing = rnd.sample(existing, min(len(existing), 5000))
            b, ev["phase_b"], fb = PhaseB(args, service, pg, token, existing).run()
            failures += fb
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        failures.append(f"the run did not complete: {e!r}")
        rc = 2
    finally:
        service.stop()
    logs = scan_logs(args.results)
    text = summary_text(meta, a, b, failures, logs, ev)
    with open(os.path.join(args.results, "summary.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(args.results, "summary.json"), "w") as f:
        json.dump({"meta": meta, "phase_a": a, "phase_b": b, "service_logs": logs, "failures": failures,
                   "passed": not failures, "evidence": ev}, f, indent=2)
    print(text, end="")
    if rc == 0 and failures:
        rc = 1
    sys.exit(rc)


if __name__ == "__main__":
    main()
