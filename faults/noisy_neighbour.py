#!/usr/bin/env python3
"""Noisy neighbour and overload check of the opportunities service: the load and the checks.

Started by faults/noisy-neighbour.sh, which owns the throwaway PostgreSQL cluster (created, started,
removed) and passes its port. This script starts the service (-Xmx256m, rate limits off), loads a
data set straight into PostgreSQL, and:

  phase N  noisy neighbour: several API keys flood the service with its most expensive reads
           (searches sorted by amount, lists filtered on flags that no index narrows, wire-protocol
           reads deep into a where or a date range), without pause and without honouring
           Retry-After, while another key reads single opportunities by id at a steady pace. That
           key's reads must all be 200, with a p90 under the target.
  phase O  overload: hundreds of connections send a mixed load (reads by id, lists, creates,
           batches of 500, wire-protocol reads) without pause. The service must answer every
           request (what it cannot take: 503 with Retry-After, quickly), keep liveness at 200,
           never run out of memory, and serve normally afterwards.

The clients are asyncio HTTP/1.1 clients (one process per phase role, so that the flood's own CPU
use does not hold up the measuring client's event loop). Standard library only. Exit status 0 when
every check passed, 1 when one failed, 2 on an error.
"""

import argparse
import asyncio
import json
import os
import random
import re
import secrets
import signal
import statistics
import subprocess
import sys
import time

KEY_ID = "noisy_admin"
STAGE_ID = 2


def now():
    return time.monotonic()


def log(msg):
    print(time.strftime("[%H:%M:%S] ", time.gmtime()) + msg, file=sys.stderr, flush=True)


def percentile(values, p):
    if not values:
        return None
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[k]


def ms(seconds):
    return None if seconds is None else round(seconds * 1000.0, 1)


# -------------------------------------------------------------------------------------------------
# HTTP/1.1 over asyncio: keep-alive, Content-Length or chunked bodies


class Conn:
    def __init__(self, port):
        self.port = port
        self.reader = None
        self.writer = None

    def close(self):
        if self.writer is not None:
            try:
                self.writer.close()
            except Exception:  # noqa: BLE001
                pass
        self.reader = self.writer = None

    async def request(self, method, path, headers=None, body=None, timeout=30.0):
        try:
            return await asyncio.wait_for(self._request(method, path, headers or {}, body), timeout)
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError, IndexError) as e:
            self.close()
            return ("error", type(e).__name__), {}, b""

    async def _request(self, method, path, headers, body):
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1"]
        if "Accept" not in headers:
            lines.append("Accept: application/json, application/problem+json")
        lines += [f"{k}: {v}" for k, v in headers.items()]
        if body is not None:
            lines.append("Content-Type: application/json")
            lines.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b""))
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            raise ValueError("closed without an answer")
        status = int(status_line.split()[1])
        hdrs = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            hdrs[name.strip().lower()] = value.strip()
        if "content-length" in hdrs:
            data = await self.reader.readexactly(int(hdrs["content-length"]))
        elif hdrs.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0].strip(), 16)
                if size == 0:
                    while (await self.reader.readline()) not in (b"\r\n", b"\n", b""):
                        pass
                    break
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readline()
            data = b"".join(chunks)
        else:
            data = b""
        if hdrs.get("connection", "").lower() == "close":
            self.close()
        return status, hdrs, data


# -------------------------------------------------------------------------------------------------
# What the clients send


def bearer(token):
    return {"Authorization": "Bearer " + token}


def wire_path(token):
    key_id, secret = token.split(".", 1)
    return f"/pubapi/v1.2?accountID={key_id}&secretKey={secret}"


def heavy_request(rnd, token, rows):
    """One of the most expensive reads a client can ask for (all of them valid requests)."""
    kind = rnd.randrange(6)
    if kind == 0:
        q = "".join(rnd.choice("0123456789abcdef") for _ in range(3))
        return "search", "GET", f"/opportunities?q={q}&sort=amount,desc&limit=500", bearer(token), None
    if kind == 1:
        return ("flags", "GET", "/opportunities?isActive=false&isWon=true&sort=closeDate,desc&limit=500",
                bearer(token), None)
    if kind == 2:
        return ("flags-probability", "GET", "/opportunities?isActive=false&isClosed=false&sort=probability&limit=500",
                bearer(token), None)
    if kind == 3:
        body = {"method": "getOpportunities", "params": {"where": {"isClosed": "1"}, "limit": 500,
                                                         "offset": rnd.randrange(rows // 2)}, "id": 1}
        return "wire-where-offset", "POST", wire_path(token), {}, json.dumps(body).encode()
    if kind == 4:
        body = {"method": "getOpportunities", "params": {"where": {"amount": f"{rnd.randrange(1000000)}.00"}},
                "id": 1}
        return "wire-where-amount", "POST", wire_path(token), {}, json.dumps(body).encode()
    body = {"method": "getOpportunitiesDateRange",
            "params": {"startDate": "2000-01-01 00:00:00", "endDate": "2999-12-31 23:59:59",
                       "timestamp": "update", "limit": 500, "offset": rnd.randrange(rows // 2)}, "id": 1}
    return "wire-date-range", "POST", wire_path(token), {}, json.dumps(body).encode()


def mixed_request(rnd, token, rows):
    """The overload phase's mix: mostly cheap requests, some lists and writes, a few batches of 500."""
    kind = rnd.randrange(20)
    if kind < 10:
        return "get-by-id", "GET", f"/opportunities/{rnd.randrange(1, rows + 1)}", bearer(token), None
    if kind < 13:
        return ("list-owner", "GET", f"/opportunities?ownerID={rnd.randrange(1, 1001)}&isClosed=false&limit=100",
                bearer(token), None)
    if kind < 15:
        body = {"method": "getOpportunities", "params": {"where": {"ownerID": str(rnd.randrange(1, 1001))},
                                                         "limit": 100}, "id": 1}
        return "wire-owner", "POST", wire_path(token), {}, json.dumps(body).encode()
    if kind < 19:
        body = {"ownerID": 5000 + rnd.randrange(1000), "dealStageID": STAGE_ID,
                "opportunityName": f"overload {rnd.randrange(10 ** 9)}", "closeDate": "2026-12-31",
                "amount": 1500}
        return "create", "POST", "/opportunities", bearer(token), json.dumps(body).encode()
    items = [{"ownerID": 6000 + rnd.randrange(1000), "dealStageID": STAGE_ID,
              "opportunityName": f"overload batch {rnd.randrange(10 ** 9)}", "closeDate": "2026-12-31"}
             for _ in range(500)]
    return "batch-500", "POST", "/opportunities/batch", bearer(token), json.dumps({"items": items}).encode()


# -------------------------------------------------------------------------------------------------
# Worker processes: each runs its clients on one event loop and writes what it saw as JSON


async def flood(args, tokens, clients, stop_at, seed):
    out = {"answers": {}, "latency": {}, "sent": 0}

    async def client(i):
        rnd = random.Random(seed * 1000 + i)
        conn = Conn(args.http_port)
        token = tokens[i % len(tokens)]
        while now() < stop_at:
            kind, method, path, headers, body = heavy_request(rnd, token, args.rows)
            t = now()
            status, hdrs, data = await conn.request(method, path, headers, body, timeout=60)
            took = now() - t
            out["sent"] += 1
            label = answer_label(status, hdrs, data)
            key = f"{kind} {label}"
            out["answers"][key] = out["answers"].get(key, 0) + 1
            out["latency"].setdefault(label, []).append(took)
        conn.close()

    await asyncio.gather(*(client(i) for i in range(clients)))
    out["latency"] = {k: {"n": len(v), "p50_ms": ms(percentile(v, 50)), "p99_ms": ms(percentile(v, 99)),
                          "max_ms": ms(max(v))} for k, v in out["latency"].items()}
    return out


def answer_label(status, hdrs, data):
    """HTTP status, with the wire protocol's error code for its HTTP 200 answers."""
    if isinstance(status, tuple):
        return "no answer (" + status[1] + ")"
    label = str(status)
    if status == 200 and data[:1] == b"{" and b'"error"' in data[-200:] + data[:200]:
        try:
            error = json.loads(data).get("error")
        except ValueError:
            error = None
        if isinstance(error, dict):
            label = f"200 wire code {error.get('code')}"
        elif isinstance(error, list) and error:
            label = f"200 wire code {error[0].get('code')}"
    if status == 503 and "retry-after" not in hdrs:
        label += " WITHOUT Retry-After"
    return label


async def victim(args, token, ids, start_at, stop_at, seed):
    """GET /opportunities/{id} at a steady pace from a few connections; latency of every request."""
    rnd = random.Random(seed)
    out = {"requests": []}
    per_conn_interval = args.victim_conns / float(args.victim_rate)

    async def client(i):
        conn = Conn(args.http_port)
        next_at = start_at + i * per_conn_interval / args.victim_conns
        while True:
            delay = next_at - now()
            if delay > 0:
                await asyncio.sleep(delay)
            if now() >= stop_at:
                break
            opportunity = ids[rnd.randrange(len(ids))]
            t = now()
            status, hdrs, data = await conn.request("GET", f"/opportunities/{opportunity}", bearer(token),
                                                    timeout=30)
            took = now() - t
            ok = status == 200 and f'"id":{opportunity},'.encode() in data
            out["requests"].append({"t": round(t - start_at, 3), "status": status if not isinstance(status, tuple)
                                    else "no answer", "ms": ms(took), "ok": ok,
                                    "detail": "" if ok else data[:300].decode("utf-8", "replace")})
            next_at += per_conn_interval
        conn.close()

    await asyncio.gather(*(client(i) for i in range(args.victim_conns)))
    return out


async def overload(args, token, connections, stop_at, seed):
    out = {"answers": {}, "latency": {}, "sent": 0, "bad": []}

    async def client(i):
        rnd = random.Random(seed * 1000 + i)
        conn = Conn(args.http_port)
        while now() < stop_at:
            kind, method, path, headers, body = mixed_request(rnd, token, args.rows)
            t = now()
            status, hdrs, data = await conn.request(method, path, headers, body, timeout=60)
            took = now() - t
            out["sent"] += 1
            label = answer_label(status, hdrs, data)
            out["answers"][f"{kind} {label}"] = out["answers"].get(f"{kind} {label}", 0) + 1
            out["latency"].setdefault(label, []).append(took)
            if took > args.answer_within_s:
                out["late"] = out.get("late", 0) + 1
            if isinstance(status, tuple) or status >= 500 and status != 503 or "WITHOUT" in label:
                if len(out["bad"]) < 20:
                    out["bad"].append({"kind": kind, "status": label, "body": data[:300].decode("utf-8", "replace")})
            if isinstance(status, tuple):
                await asyncio.sleep(0.05)
        conn.close()

    await asyncio.gather(*(client(i) for i in range(connections)))
    return out


async def prober(args, stop_at):
    """GET /actuator/health/liveness every 0.5 s on a connection of its own."""
    out = []
    conn = Conn(args.http_port)
    while now() < stop_at:
        t = now()
        status, _, _ = await conn.request("GET", "/actuator/health/liveness", timeout=10)
        out.append({"status": status if not isinstance(status, tuple) else "no answer", "ms": ms(now() - t)})
        await asyncio.sleep(max(0.0, 0.5 - (now() - t)))
    conn.close()
    return out


def worker_main(args):
    spec = json.loads(args.worker_spec)
    role = spec["role"]
    # every worker gets the same clock origin from the parent: wall-clock times, converted
    offset = time.time() - now()
    start_at = spec["start_at"] - offset
    stop_at = spec["stop_at"] - offset
    if role == "flood":
        result = asyncio.run(_after(start_at, flood(args, spec["tokens"], spec["clients"], stop_at, spec["seed"])))
    elif role == "victim":
        result = asyncio.run(victim(args, spec["token"], spec["ids"], start_at, stop_at, spec["seed"]))
    elif role == "overload":
        result = asyncio.run(_after(start_at, overload(args, spec["token"], spec["connections"], stop_at,
                                                       spec["seed"])))
    else:
        result = asyncio.run(_after(start_at, prober(args, stop_at)))
    with open(spec["out"], "w") as f:
        json.dump(result, f)


async def _after(start_at, coroutine):
    delay = start_at - now()
    if delay > 0:
        await asyncio.sleep(delay)
    return await coroutine


def run_workers(args, specs):
    """Runs each spec in a worker process of its own; returns what each wrote."""
    procs = [subprocess.Popen([sys.executable, "-u", os.path.abspath(__file__), "--worker-spec", json.dumps(spec)]
                              + common_args(args)) for spec in specs]
    for proc in procs:
        proc.wait()
        if proc.returncode != 0:
            raise RuntimeError(f"a worker exited with {proc.returncode}")
    out = []
    for spec in specs:
        with open(spec["out"]) as f:
            out.append(json.load(f))
    return out


def common_args(args):
    return ["--http-port", str(args.http_port), "--rows", str(args.rows),
            "--answer-within-s", str(args.answer_within_s), "--victim-rate", str(args.victim_rate), "--victim-conns", str(args.victim_conns),
            "--overload-conns", str(args.overload_conns)]


# -------------------------------------------------------------------------------------------------
# The service, the data, the keys


class Service:
    def __init__(self, args, token):
        self.args = args
        self.token = token
        self.proc = None
        self.logfile = None
        self.log_path = os.path.join(args.results, "service.log")

    def start(self):
        self.logfile = open(self.log_path, "wb")
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
            [self.args.java, "-XX:+UseParallelGC", f"-Xmx{self.args.heap}", "-XX:+ExitOnOutOfMemoryError",
             "-jar", self.args.jar],
            stdout=self.logfile, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env, cwd=self.args.tmp,
            start_new_session=True)
        with open(os.path.join(self.args.tmp, "service.pid"), "w") as f:
            f.write(str(self.proc.pid))
        log(f"service started (pid {self.proc.pid}, -Xmx{self.args.heap}, log {self.log_path})")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def wait_ready(self, timeout=180.0):
        deadline = now() + timeout
        while now() < deadline:
            if not self.alive():
                raise RuntimeError(f"the service exited with {self.proc.returncode} before it was ready")
            status, _, _ = asyncio.run(Conn(self.args.http_port).request("GET", "/actuator/health/readiness",
                                                                         timeout=5))
            if status == 200:
                return
            time.sleep(0.3)
        raise RuntimeError(f"the service was not ready within {timeout:.0f} s")

    def stop(self):
        if not self.alive():
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.logfile.close()


def call(args, method, path, token=None, body=None, accept=None):
    headers = bearer(token) if token else {}
    if accept:
        headers["Accept"] = accept
    status, hdrs, data = asyncio.run(Conn(args.http_port).request(method, path, headers,
                                                                  None if body is None else json.dumps(body).encode()))
    return status, (json.loads(data) if data[:1] in (b"{", b"[") else data)


def load_data(args):
    """N opportunities of 1,000 owners and 2 associations each, straight into PostgreSQL."""
    sql = f"""
set search_path = crm, public;
set maintenance_work_mem = '256MB';
insert into opportunity (id, owner_id, deal_stage_id, account_id, campaign_id, opportunity_name, probability,
    amount, is_closed, is_won, is_active, close_date, originating_lead_id, primary_lead_id, create_timestamp,
    update_timestamp)
select i, 1 + i % 1000, 1 + i % 7, case when i % 3 = 0 then null else 1 + i % 5000 end,
       case when i % 2 = 0 then null else 1 + i % 50 end,
       case when i % 100 = 0 then 'Acme ' else 'Deal ' end || md5(i::text),
       case when i % 4 = 0 then null else i % 101 end, case when i % 5 = 0 then null else (i * 37) % 1000000 end,
       i % 7 >= 5, i % 7 = 5, i % 10 <> 0, timestamptz '2026-01-01' + (i % 730) * interval '1 day',
       case when i % 4 = 0 then i else null end, null,
       now() - interval '2 years' + i * interval '1 minute', now() - interval '1 year' + i * interval '1 minute'
  from generate_series(1, {args.rows}) i;
select setval('opportunity_id_seq', {args.rows} + 1000);
insert into opportunity_lead (id, opportunity_id, lead_id)
select i + 1, 1 + (i % {args.rows}), 1 + (i % 20000) + 20000 * (i / {args.rows})
  from generate_series(0, 2 * {args.rows} - 1) i;
select setval('opportunity_lead_id_seq', 2 * {args.rows} + 1000);
analyze opportunity;
analyze opportunity_lead;
"""
    t = now()
    loaded = subprocess.run([os.path.join(args.pg_bin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                             "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", "-d", "postgres"],
                            input=sql, text=True, capture_output=True)
    if loaded.returncode != 0:
        raise RuntimeError(f"loading the data failed: {loaded.stderr.strip()}")
    log(f"loaded {args.rows:,} opportunities and {2 * args.rows:,} associations in {now() - t:.1f} s")


def create_key(args, admin, role, user, name):
    status, body = call(args, "POST", "/apiKeys", admin, {"userID": user, "role": role, "name": name})
    if status != 201:
        raise RuntimeError(f"POST /apiKeys answered {status}: {body}")
    return body["token"]


def bulkhead_metrics(args, admin):
    """The service's bulkhead counters (crm.bulkhead.*), when it has them."""
    status, body = call(args, "GET", "/actuator/prometheus", admin, accept="text/plain")
    if status != 200 or not isinstance(body, (bytes, bytearray)):
        return None
    out = {}
    for line in body.decode("utf-8", "replace").splitlines():
        m = re.match(r'crm_bulkhead_(running|waiting|refused_total)\{[^}]*bulkhead="([^"]+)"[^}]*\} (\S+)$', line)
        if m:
            out[f"{m.group(2)} {m.group(1)}"] = float(m.group(3))
    return out or None


def latency_summary(requests):
    values = [r["ms"] for r in requests]
    return {"n": len(values), "p50_ms": percentile(values, 50), "p90_ms": percentile(values, 90),
            "p99_ms": percentile(values, 99), "max_ms": max(values) if values else None}


# -------------------------------------------------------------------------------------------------
# Phases


def phase_n(args, admin, results):
    tokens = [create_key(args, admin, "SALES_MANAGER", 900 + i, f"flood {i}") for i in range(args.keys)]
    victim_token = create_key(args, admin, "SALES_MANAGER", 999, "victim")
    rnd = random.Random(7)
    ids = [rnd.randrange(1, args.rows + 1) for _ in range(2000)]
    t0 = time.time()
    # the same key alone first, for comparison
    base = run_workers(args, [{"role": "victim", "token": victim_token, "ids": ids, "start_at": t0 + 1,
                               "stop_at": t0 + 1 + args.baseline, "seed": 1,
                               "out": os.path.join(args.tmp, "baseline.json")}])[0]
    t1 = time.time()
    flood_start = t1 + 1
    measure_start = flood_start + args.warmup
    stop = measure_start + args.duration
    log(f"phase N: {args.clients} flood clients over {args.keys} keys, {args.duration} s measured after "
        f"{args.warmup} s of flood; the victim key reads by id at {args.victim_rate}/s")
    specs = [{"role": "flood", "tokens": tokens, "start_at": flood_start, "stop_at": stop, "seed": 11 + w,
              "out": os.path.join(args.tmp, f"flood-{w}.json")} for w in range(args.flood_procs)]
    # each flood process runs its share of the clients
    for w, spec in enumerate(specs):
        spec["clients"] = args.clients // args.flood_procs + (1 if w < args.clients % args.flood_procs else 0)
    specs.append({"role": "victim", "token": victim_token, "ids": ids, "start_at": measure_start, "stop_at": stop,
                  "seed": 2, "out": os.path.join(args.tmp, "victim.json")})
    outs = run_workers(args, specs)
    victim = outs[-1]
    floods = outs[:-1]
    answers = {}
    sent = 0
    for f in floods:
        sent += f["sent"]
        for k, v in f["answers"].items():
            answers[k] = answers.get(k, 0) + v
    with open(os.path.join(results, "phase-n-victim.jsonl"), "w") as f:
        for r in victim["requests"]:
            f.write(json.dumps(r) + "\n")
    reqs = victim["requests"]
    statuses = {}
    for r in reqs:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
    return {
        "bulkheads": bulkhead_metrics(args, admin),
        "flood_clients": args.clients, "flood_keys": args.keys, "duration_s": args.duration,
        "baseline": latency_summary(base["requests"]),
        "baseline_statuses": count_statuses(base["requests"]),
        "victim": latency_summary(reqs), "victim_statuses": statuses,
        "victim_not_ok": [r for r in reqs if not r["ok"]][:10],
        "flood_sent": sent, "flood_per_s": round(sent / float(args.duration + args.warmup), 1),
        "flood_answers": dict(sorted(answers.items())),
        "flood_latency": [f["latency"] for f in floods],
    }


def count_statuses(requests):
    out = {}
    for r in requests:
        out[str(r["status"])] = out.get(str(r["status"]), 0) + 1
    return out


def phase_o(args, admin, service, results):
    token = create_key(args, admin, "SALES_MANAGER", 998, "overload")
    t0 = time.time()
    start = t0 + 1
    stop = start + args.overload_duration
    log(f"phase O: {args.overload_conns} connections of mixed load for {args.overload_duration} s, "
        f"liveness probed every 0.5 s")
    procs = args.load_procs
    specs = [{"role": "overload", "token": token, "start_at": start, "stop_at": stop, "seed": 31 + w,
              "connections": args.overload_conns // procs + (1 if w < args.overload_conns % procs else 0),
              "out": os.path.join(args.tmp, f"overload-{w}.json")} for w in range(procs)]
    specs.append({"role": "prober", "start_at": start, "stop_at": stop + 2,
                  "out": os.path.join(args.tmp, "probes.json")})
    outs = run_workers(args, specs)
    probes = outs[-1]
    load = {"answers": {}, "latency": {}, "sent": 0, "bad": [], "late": 0}
    for part in outs[:-1]:
        load["sent"] += part["sent"]
        load["late"] += part.get("late", 0)
        load["bad"] += part["bad"][: max(0, 20 - len(load["bad"]))]
        for k, v in part["answers"].items():
            load["answers"][k] = load["answers"].get(k, 0) + v
        for k, v in part["latency"].items():
            load["latency"].setdefault(k, []).extend(v)
    load["latency"] = {k: {"n": len(v), "p50_ms": ms(percentile(v, 50)), "p99_ms": ms(percentile(v, 99)),
                           "max_ms": ms(max(v))} for k, v in load["latency"].items()}
    alive = service.alive()
    after = None
    if alive:
        time.sleep(2)
        status, _ = call(args, "GET", "/opportunities/1", admin)
        after = status
    oom = False
    with open(service.log_path, "rb") as f:
        oom = b"OutOfMemoryError" in f.read()
    live_ms = [p["ms"] for p in probes if p["status"] == 200]
    return {
        "connections": args.overload_conns, "duration_s": args.overload_duration, "sent": load["sent"],
        "per_s": round(load["sent"] / float(args.overload_duration), 1),
        "answers": dict(sorted(load["answers"].items())), "latency": load["latency"], "bad": load["bad"],
        "liveness": {"probes": len(probes), "ok": len(live_ms), "p50_ms": percentile(live_ms, 50),
                     "max_ms": max(live_ms) if live_ms else None,
                     "not_ok": [p for p in probes if p["status"] != 200][:10]},
        "service_alive": alive, "out_of_memory": oom, "read_after": after, "answered_late": load["late"],
        "bulkheads": bulkhead_metrics(args, admin) if alive else None,
    }


# -------------------------------------------------------------------------------------------------
# Summary and checks


def checks(args, n, o):
    failures = []
    if n is not None:
        if n["victim"]["n"] < 100:
            failures.append(f"phase N: the victim key's {n['victim']['n']} reads are too few for a p90")
        not_ok = n["victim"]["n"] - n["victim_statuses"].get("200", 0)
        if not_ok:
            failures.append(f"phase N: {not_ok} of the victim key's reads by id were not 200: {n['victim_statuses']}")
        if n["victim"]["p90_ms"] is None or n["victim"]["p90_ms"] >= args.p90_target_ms:
            busy = n["baseline"]["p90_ms"] is not None and n["baseline"]["p90_ms"] >= args.p90_target_ms
            failures.append(f"phase N: the victim key's p90 is {n['victim']['p90_ms']} ms, "
                            f"not under {args.p90_target_ms} ms"
                            + (f" (alone it had {n['baseline']['p90_ms']} ms: the machine was too busy to tell)"
                               if busy else ""))
        other = {k: v for k, v in n["flood_answers"].items()
                 if not re.search(r" (200|200 wire code 503|503)$", k)}
        if other:
            failures.append(f"phase N: flood answers other than 200 and 503 with Retry-After: {other}")
    if o is not None:
        if not o["service_alive"] or o["out_of_memory"]:
            failures.append("phase O: the service died" + (" (OutOfMemoryError)" if o["out_of_memory"] else ""))
        if o["bad"]:
            failures.append(f"phase O: answers other than 2xx, 4xx and 503 with Retry-After: {o['bad'][:3]}")
        if o["liveness"]["ok"] != o["liveness"]["probes"] or o["liveness"]["probes"] == 0:
            failures.append(f"phase O: liveness not 200 throughout: {o['liveness']['not_ok'][:3]}")
        if o["read_after"] != 200:
            failures.append(f"phase O: a read after the overload answered {o['read_after']}")
        if o["answered_late"]:
            failures.append(f"phase O: {o['answered_late']} requests waited more than "
                            f"{args.answer_within_s} s for their answer")
        in_flight = (o["bulkheads"] or {}).get("requests in flight refused_total")
        if in_flight is not None and in_flight == 0:
            failures.append("phase O: the limit of requests in flight never refused a request: no overload")
    return failures


def summary_text(meta, n, o, failures):
    lines = ["Noisy neighbour and overload check of the opportunities service",
             f"  started {meta['started_utc']}; {meta['java']}; jar {meta['jar']}",
             f"  data: {meta['rows']:,} opportunities, {2 * meta['rows']:,} associations; service -Xmx{meta['heap']}, "
             f"rate limits off", ""]
    if n is not None:
        lines += [
            f"Phase N: {n['flood_clients']} clients over {n['flood_keys']} keys flood the most expensive reads "
            f"(no pause, Retry-After ignored); another key reads by id",
            f"  victim alone        {n['baseline']['n']} reads: p50 {n['baseline']['p50_ms']} ms, "
            f"p90 {n['baseline']['p90_ms']} ms, p99 {n['baseline']['p99_ms']} ms; statuses {n['baseline_statuses']}",
            f"  victim under flood  {n['victim']['n']} reads in {n['duration_s']} s: p50 {n['victim']['p50_ms']} ms, "
            f"p90 {n['victim']['p90_ms']} ms, p99 {n['victim']['p99_ms']} ms, max {n['victim']['max_ms']} ms; "
            f"statuses {n['victim_statuses']}",
            f"  flood               {n['flood_sent']} requests ({n['flood_per_s']}/s)",
            f"  bulkheads after it  {n['bulkheads']}",
        ]
        for k, v in n["flood_answers"].items():
            lines.append(f"      {v:7d}  {k}")
        lines.append("")
    if o is not None:
        lines += [
            f"Phase O: {o['connections']} connections of mixed load without pause for {o['duration_s']} s",
            f"  sent {o['sent']} ({o['per_s']}/s); service alive afterwards: {o['service_alive']}; "
            f"OutOfMemoryError: {o['out_of_memory']}; a read afterwards: {o['read_after']}",
            f"  liveness  {o['liveness']['ok']}/{o['liveness']['probes']} probes 200, p50 {o['liveness']['p50_ms']} ms, "
            f"max {o['liveness']['max_ms']} ms",
            f"  bulkheads after it: {o['bulkheads']}",
            "  latency by answer:"]
        for k, v in sorted(o["latency"].items()):
            lines.append(f"      {k:28s} n {v['n']:6d}  p50 {v['p50_ms']} ms  p99 {v['p99_ms']} ms  max {v['max_ms']} ms")
        lines.append("  answers:")
        for k, v in o["answers"].items():
            lines.append(f"      {v:7d}  {k}")
        lines.append("")
    if failures:
        lines.append("FAILED:")
        lines += [f"  - {f}" for f in failures]
    else:
        lines.append("All checks passed.")
    return "\n".join(lines) + "\n"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--worker-spec")
    p.add_argument("--java")
    p.add_argument("--jar")
    p.add_argument("--pg-bin")
    p.add_argument("--pg-port", type=int)
    p.add_argument("--http-port", type=int, required=True)
    p.add_argument("--tmp")
    p.add_argument("--results")
    p.add_argument("--phases", default="no")
    p.add_argument("--rows", type=int, default=300000)
    p.add_argument("--heap", default="256m")
    p.add_argument("--clients", type=int, default=24)
    p.add_argument("--keys", type=int, default=3)
    p.add_argument("--flood-procs", type=int, default=2)
    p.add_argument("--load-procs", type=int, default=4)
    p.add_argument("--duration", type=int, default=30)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--baseline", type=int, default=5)
    p.add_argument("--victim-rate", type=int, default=20)
    p.add_argument("--victim-conns", type=int, default=4)
    p.add_argument("--p90-target-ms", type=float, default=250)
    p.add_argument("--overload-conns", type=int, default=400)
    p.add_argument("--overload-duration", type=int, default=15)
    p.add_argument("--answer-within-s", type=float, default=30)
    args = p.parse_args()
    if args.worker_spec:
        worker_main(args)
        return

    def terminated(signum, _frame):
        log(f"noisy_neighbour.py received signal {signum}: stopping")
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminated)
    token = f"{KEY_ID}.{secrets.token_hex(20)}"
    java_version = subprocess.run([args.java, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    meta = {"started_utc": time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime()), "java": java_version,
            "jar": os.environ.get("FAULTS_JAR_SOURCE") or args.jar, "rows": args.rows, "heap": args.heap,
            "args": vars(args)}
    service = Service(args, token)
    n = o = None
    failures = []
    rc = 0
    try:
        service.start()
        t = now()
        service.wait_ready()
        log(f"service ready in {now() - t:.1f} s")
        load_data(args)
        if "n" in args.phases:
            n = phase_n(args, token, args.results)
        if "o" in args.phases:
            o = phase_o(args, token, service, args.results)
        failures = checks(args, n, o)
    except Exception as e:  # noqa: BLE001
        import traceback
        traceback.print_exc()
        failures.append(f"the run did not complete: {e!r}")
        rc = 2
    finally:
        service.stop()
    text = summary_text(meta, n, o, failures)
    with open(os.path.join(args.results, "summary.txt"), "w") as f:
        f.write(text)
    with open(os.path.join(args.results, "summary.json"), "w") as f:
        json.dump({"meta": meta, "phase_n": n, "phase_o": o, "failures": failures, "passed": not failures}, f,
                  indent=2, default=str)
    print(text, end="")
    if rc == 0 and failures:
        rc = 1
    sys.exit(rc)


if __name__ == "__main__":
    main()
