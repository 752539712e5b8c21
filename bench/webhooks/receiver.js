// A local webhook receiver for bench/webhooks.sh: answers 204 at once on /ep/<n>, never answers on
// /dead, and keeps, per delivery, when it arrived and when its event occurred (both this machine's
// clock), so delivery latency is arrival minus occurredAt. GET /stats?since=<ms> answers them.
'use strict';
const http = require('http');

const port = Number(process.argv[2] || 9099);
let arrivals = []; // [arrivedMs, occurredMs, endpoint, eventId]
const seen = new Set();

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && req.url.startsWith('/stats')) {
    const since = Number(new URL(req.url, 'http://x').searchParams.get('since') || 0);
    const rows = arrivals.filter((a) => a[0] >= since);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ arrivals: rows, distinct: seen.size }));
    return;
  }
  if (req.method === 'POST' && req.url === '/reset') {
    arrivals = [];
    seen.clear();
    res.writeHead(204).end();
    return;
  }
  if (req.url === '/dead') {
    req.resume(); // read the body, never answer
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const now = Date.now();
    try {
      const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const endpoint = req.url.startsWith('/ep/') ? Number(req.url.slice(4)) : -1;
      arrivals.push([now, Date.parse(event.occurredAt), endpoint, event.id]);
      seen.add(endpoint + '/' + req.headers['webhook-id']);
    } catch (e) {
      // not an event: counted nowhere
    }
    res.writeHead(204).end();
  });
});
server.keepAliveTimeout = 60000;
server.listen(port, '127.0.0.1', () => console.log(`receiver listening on ${port}`));
