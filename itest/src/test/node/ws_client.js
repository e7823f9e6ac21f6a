// Interop checks with Node's ws client against a server that echoes and understands the interop text
// commands (close:, fragment-me:, ping-me:) on /echo and chooses among v2.chat and v1.chat on /proto,
// announcing "subprotocol=NAME" first.
// usage: node ws_client.js ws://127.0.0.1:PORT [deflate ws://127.0.0.1:WIRE_PORT]
// Without "deflate" the client offers no extension. With it, every connection offers permessage-deflate (ws's
// defaults, but compressing messages of any size) and three more checks run: the extension agreed as both sides see
// it (the server tells its view on "extensions?"), offers with no_context_takeover and max_window_bits, and 20
// messages of JSON-like text sent through WIRE_PORT (a relay in front of the same server that counts the bytes).
// Prints "ok NAME" per passed check, "FAIL NAME: why" per failed one; exits 1 if any failed.
'use strict';
const crypto = require('crypto');
const WebSocket = require('ws');

const BASE = process.argv[2];
const DEFLATE = process.argv[3] === 'deflate';
const WIRE_BASE = process.argv[4];
const MAX_MESSAGE = 16 * 1024 * 1024;
const MAX_FRAGMENTS = 1024 * 1024; // ws's default (16384) is below what large fragmented messages need
const LARGE = 6 * 1024 * 1024;
const TIMEOUT_MS = 30000;
/** The messages of the wire check: 20 of 50,000 bytes. */
const WIRE_MESSAGES = 20;
const WIRE_SIZE = 50000;

/** ws's permessage-deflate options for the default offer: compress every message, not only from 1 KiB. */
const DEFLATE_DEFAULTS = { threshold: 0 };

function check(cond, what) {
  if (!cond) throw new Error(what);
}

/** A connection whose events are queued, so checks can await them in order. */
class Peer {
  constructor(path, protocols, deflate, base) {
    this.events = [];
    this.waiters = [];
    this.ws = new WebSocket((base || BASE) + path, protocols, {
      maxPayload: MAX_MESSAGE, maxFragments: MAX_FRAGMENTS, handshakeTimeout: TIMEOUT_MS,
      perMessageDeflate: deflate || (DEFLATE ? DEFLATE_DEFAULTS : false),
    });
    this.ws.on('upgrade', (res) => { this.agreed = res.headers['sec-websocket-extensions'] || ''; });
    this.ws.on('message', (data, isBinary) => this.push({ type: isBinary ? 'binary' : 'text', data }));
    this.ws.on('pong', (data) => this.push({ type: 'pong', data }));
    this.ws.on('ping', (data) => this.push({ type: 'ping', data }));
    this.ws.on('close', (code, reason) => this.push({ type: 'close', code, reason: reason.toString('utf8') }));
    this.ws.on('error', (error) => this.push({ type: 'error', error }));
    this.ws.on('unexpected-response', (req, res) => this.push({ type: 'refused', status: res.statusCode }));
    this.ws.on('open', () => this.push({ type: 'open' }));
  }

  push(e) {
    const w = this.waiters.shift();
    if (w) w(e); else this.events.push(e);
  }

  /** The next event, skipping pings (ws answers them itself). */
  async next() {
    for (;;) {
      const e = this.events.length ? this.events.shift() : await new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('no event within ' + TIMEOUT_MS + ' ms')), TIMEOUT_MS);
        this.waiters.push((ev) => { clearTimeout(t); resolve(ev); });
      });
      if (e.type !== 'ping') return e;
    }
  }

  async expect(type) {
    const e = await this.next();
    if (e.type !== type) throw new Error('expected ' + type + ' but got ' + e.type + ' ' + (e.error || e.status || ''));
    return e;
  }

  async text() {
    return (await this.expect('text')).data.toString('utf8');
  }

  send(data, options) {
    return new Promise((resolve, reject) => this.ws.send(data, options || {}, (err) => (err ? reject(err) : resolve())));
  }

  async close() {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close();
  }
}

async function open(path, protocols, deflate, base) {
  const p = new Peer(path, protocols, deflate, base);
  await p.expect('open');
  if (DEFLATE || deflate) {
    check(p.ws.extensions === 'permessage-deflate', 'no permessage-deflate agreed: "' + p.ws.extensions + '"');
  } else {
    check(p.ws.extensions === '', 'extensions agreed without an offer: "' + p.ws.extensions + '"');
  }
  return p;
}

/** JSON-like text of `size` bytes (ASCII), different for each seed. */
function jsonText(size, seed) {
  const parts = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const item = '{"id":' + (seed * 100000 + i) + ',"name":"item ' + ((i * 7 + seed) % 23) + '","tags":["red","blue"],'
      + '"price":' + ((i * 31 + seed) % 997) + ',"active":' + (i % 3 === 0) + '},';
    parts.push(item);
    n += item.length;
  }
  return parts.join('').slice(0, size);
}

/** The parameters of a Sec-WebSocket-Extensions value with one element: name to value (true when bare). */
function params(header) {
  const out = {};
  for (const p of header.split(';').slice(1)) {
    const [k, v] = p.trim().split('=');
    out[k] = v === undefined ? true : v.replace(/"/g, '');
  }
  return out;
}

/** Both views of the agreement: ours (the response we got) and the server's (its answer to "extensions?"). */
async function agreement(p) {
  await p.send('extensions?');
  const server = await p.text();
  check(server === 'extensions=' + p.agreed, 'the server says "' + server + '", we got "' + p.agreed + '"');
  check(p.agreed.split(';')[0].trim() === 'permessage-deflate', 'agreed: ' + p.agreed);
  return params(p.agreed);
}

/** Compressible and incompressible messages, whole and in fragments, several in a row (context takeover). */
async function exchange(p) {
  for (let i = 0; i < 5; i++) {
    const t = jsonText(8000, i);
    await p.send(t);
    check((await p.text()) === t, 'text echo ' + i);
  }
  const b = Buffer.concat([crypto.randomBytes(30000), Buffer.alloc(30000, 7), Buffer.from(jsonText(5536, 9))]);
  await p.send(b);
  check((await p.expect('binary')).data.equals(b), 'binary echo');
  const t = jsonText(20000, 11) + ' naïve ☕';
  const bytes = Buffer.from(t, 'utf8');
  await p.send(bytes.subarray(0, 7000), { binary: false, fin: false });
  await p.send(bytes.subarray(7000, 14000), { binary: false, fin: false });
  await p.send(bytes.subarray(14000), { binary: false, fin: true });
  check((await p.text()) === t, 'fragmented text echo');
  await p.send('hi');
  check((await p.text()) === 'hi', 'short text echo');
}

async function deflateAgreed() {
  const p = await open('/echo');
  const ps = await agreement(p);
  check(!ps.server_no_context_takeover && !ps.server_max_window_bits, 'unasked parameters: ' + p.agreed);
  await exchange(p);
  await p.close();
}

/** Offers with each parameter RFC 7692 defines; ws keeps to what the server answers. */
const VARIANTS = [
  { serverNoContextTakeover: true, clientNoContextTakeover: true },
  { serverMaxWindowBits: 10, clientMaxWindowBits: 9 },
  { serverNoContextTakeover: true, clientNoContextTakeover: true, serverMaxWindowBits: 9, clientMaxWindowBits: 12 },
];

async function deflateVariants() {
  for (const v of VARIANTS) {
    const p = await open('/echo', undefined, Object.assign({ threshold: 0 }, v));
    const ps = await agreement(p);
    const what = JSON.stringify(v) + ' agreed as ' + p.agreed;
    if (v.serverNoContextTakeover) check(ps.server_no_context_takeover === true, what);
    if (v.serverMaxWindowBits) check(Number(ps.server_max_window_bits) <= v.serverMaxWindowBits, what);
    if (ps.client_max_window_bits) check(Number(ps.client_max_window_bits) <= (v.clientMaxWindowBits || 15), what);
    await exchange(p);
    await p.close();
  }
}

async function deflateWire() {
  const p = await open('/echo', undefined, undefined, WIRE_BASE);
  for (let i = 0; i < WIRE_MESSAGES; i++) {
    const t = jsonText(WIRE_SIZE, 100 + i);
    await p.send(t);
    check((await p.text()) === t, 'echo ' + i);
  }
  p.ws.close(1000);
  await p.expect('close');
}

async function textAndBinary() {
  const p = await open('/echo');
  for (const t of ['hello', 'Grüße, 世界 \u{1F600}', '']) {
    await p.send(t);
    const got = await p.text();
    check(got === t, 'text echo ' + JSON.stringify(got));
  }
  const b = Buffer.from([0, 1, 2, 255, 128]);
  await p.send(b);
  check((await p.expect('binary')).data.equals(b), 'binary echo');
  for (let i = 0; i < 100; i++) await p.send('m' + i);
  for (let i = 0; i < 100; i++) check((await p.text()) === 'm' + i, 'order at ' + i);
  await p.close();
}

async function fragmented() {
  const p = await open('/echo');
  const rest = Buffer.from('lo, wörld', 'utf8');
  await p.send('Hel', { fin: false });
  await p.send(rest.subarray(0, 6), { binary: false, fin: false }); // cut inside 'ö'
  await p.send(rest.subarray(6), { binary: false, fin: true });
  check((await p.text()) === 'Hello, wörld', 'fragmented text echo');
  const parts = [];
  for (let i = 0; i < 30; i++) parts.push(crypto.randomBytes(100000));
  for (let i = 0; i < parts.length; i++) await p.send(parts[i], { binary: true, fin: i === parts.length - 1 });
  check((await p.expect('binary')).data.equals(Buffer.concat(parts)), 'fragmented binary echo');
  const text = 'fragments: naïve café ☕ end';
  await p.send('fragment-me:' + text);
  check((await p.text()) === text, 'server fragments');
  await p.close();
}

async function large() {
  const p = await open('/echo');
  const data = crypto.randomBytes(LARGE);
  await p.send(data);
  check((await p.expect('binary')).data.equals(data), 'large binary echo');
  const text = 'abcdefghij€'.repeat(Math.ceil(LARGE / 11)).slice(0, LARGE);
  await p.send(text);
  check((await p.text()) === text, 'large text echo');
  await p.close();
}

async function pingPong() {
  const p = await open('/echo');
  p.ws.ping(Buffer.from('are you there?'));
  check((await p.expect('pong')).data.toString() === 'are you there?', 'pong payload');
  await p.send('ping-me:srv-1');
  check((await p.text()) === 'pong:srv-1', 'server ping round trip');
  await p.close();
}

async function clientClose() {
  const p = await open('/echo');
  await p.send('before close');
  check((await p.text()) === 'before close', 'echo before close');
  p.ws.close(4000, 'client bye');
  const e = await p.expect('close');
  check(e.code === 4000, 'server answered close with ' + e.code);
}

async function serverClose() {
  const p = await open('/echo');
  await p.send('close:4002:server bye ✓');
  const e = await p.expect('close');
  check(e.code === 4002, 'close code ' + e.code);
  check(e.reason === 'server bye ✓', 'close reason ' + e.reason);
}

async function subprotocols() {
  let p = await open('/proto', ['v1.chat']);
  check(p.ws.protocol === 'v1.chat', 'chosen ' + p.ws.protocol);
  check((await p.text()) === 'subprotocol=v1.chat', 'announced');
  await p.close();
  p = await open('/proto', ['x.chat', 'v2.chat', 'v1.chat']);
  check(p.ws.protocol === 'v2.chat', 'chosen ' + p.ws.protocol);
  check((await p.text()) === 'subprotocol=v2.chat', 'announced');
  await p.close();
  p = await open('/proto');
  check(p.ws.protocol === '', 'chosen ' + p.ws.protocol);
  check((await p.text()) === 'subprotocol=none', 'announced');
  await p.close();
  p = new Peer('/proto', ['nope.chat']);
  const e = await p.next();
  check(e.type === 'refused' && e.status === 400, 'unknown subprotocol: ' + e.type + ' ' + (e.status || ''));
}

const CHECKS = [textAndBinary, fragmented, large, pingPong, clientClose, serverClose, subprotocols]
  .concat(DEFLATE ? [deflateAgreed, deflateVariants, deflateWire] : []);

(async () => {
  let failed = 0;
  for (const c of CHECKS) {
    try {
      await c();
      console.log('ok ' + c.name);
    } catch (e) {
      failed++;
      console.log('FAIL ' + c.name + ': ' + (e && e.stack ? e.stack : e));
    }
  }
  console.log('checks ok ' + (CHECKS.length - failed) + ', checks failed ' + failed);
  process.exit(failed ? 1 : 0);
})();
