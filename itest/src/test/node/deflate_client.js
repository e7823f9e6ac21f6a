// The permessage-deflate conformance cases (itest's net.websocket.itest.deflate) with Node's ws as the compressing
// client against an echo server.
// usage: node deflate_client.js CASES.json ws://127.0.0.1:PORT/echo
// CASES.json: [{"id": "12.1.1", "offer": null | {"serverNoContextTakeover": bool, "clientNoContextTakeover": bool,
//   "serverMaxWindowBits": 9..15 | null, "clientMaxWindowBits": 9..15 | null}, "messages": [{"kind": "text" |
//   "binary", "size": n, "count": n, "fragment": n (0: whole)}]}]
// Each case connects to URL?case=ID offering permessage-deflate (ws's default offer for a null "offer", else one
// with the given parameters; a null window size offers client_max_window_bits without a value and no
// server_max_window_bits), sends the messages one after the other, each checked against its echo, and closes.
// Prints per case "case ID ok MS AGREED" (AGREED: the response's Sec-WebSocket-Extensions) or
// "case ID FAIL MS why", then "cases ok N, cases failed M".
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const WebSocket = require('ws');

const CASES = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const URL = process.argv[3];
const MAX_MESSAGE = 16 * 1024 * 1024;
const TIMEOUT_MS = 30000;

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

/** A random third, a run of one byte, then JSON-like text. */
function mixed(size, seed) {
  const third = Math.floor(size / 3);
  return Buffer.concat([crypto.randomBytes(third), Buffer.alloc(third, 7),
    Buffer.from(jsonText(size - 2 * third, seed), 'ascii')]);
}

function options(offer) {
  if (!offer) return { threshold: 0 };
  const o = { threshold: 0, serverNoContextTakeover: offer.serverNoContextTakeover,
    clientNoContextTakeover: offer.clientNoContextTakeover };
  if (offer.serverMaxWindowBits) o.serverMaxWindowBits = offer.serverMaxWindowBits;
  if (offer.clientMaxWindowBits) o.clientMaxWindowBits = offer.clientMaxWindowBits;
  return o;
}

function runCase(c) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(URL + '?case=' + encodeURIComponent(c.id), {
      perMessageDeflate: options(c.offer), maxPayload: MAX_MESSAGE, handshakeTimeout: TIMEOUT_MS });
    const timer = setTimeout(() => { ws.terminate(); reject(new Error('timed out')); }, 4 * TIMEOUT_MS);
    let agreed = '';
    const queue = [];
    let waiting = null;
    ws.on('upgrade', (res) => { agreed = res.headers['sec-websocket-extensions'] || ''; });
    ws.on('message', (data, isBinary) => {
      const e = { data, isBinary };
      if (waiting) { const w = waiting; waiting = null; w(e); } else queue.push(e);
    });
    ws.on('error', (e) => { clearTimeout(timer); reject(e); });
    ws.on('close', (code) => {
      clearTimeout(timer);
      if (waiting) reject(new Error('closed with ' + code + ' while waiting for an echo'));
    });
    const next = () => (queue.length ? Promise.resolve(queue.shift()) : new Promise((r) => { waiting = r; }));
    const send = (data, opts) => new Promise((r, j) => ws.send(data, opts, (err) => (err ? j(err) : r())));
    ws.on('open', async () => {
      try {
        if (ws.extensions !== 'permessage-deflate') throw new Error('not agreed: "' + ws.extensions + '"');
        let seed = 0;
        for (const m of c.messages) {
          for (let i = 0; i < m.count; i++) {
            const binary = m.kind === 'binary';
            const payload = binary ? mixed(m.size, seed++) : Buffer.from(jsonText(m.size, seed++), 'ascii');
            if (m.fragment > 0 && m.fragment < payload.length) {
              for (let off = 0; off < payload.length; off += m.fragment) {
                const end = Math.min(off + m.fragment, payload.length);
                await send(payload.subarray(off, end), { binary, fin: end === payload.length });
              }
            } else {
              await send(binary ? payload : payload.toString('ascii'), { binary });
            }
            const e = await next();
            if (e.isBinary !== binary || !Buffer.from(e.data).equals(payload)) {
              throw new Error('echo of ' + m.kind + ' message ' + i + ' of ' + m.size + ' bytes differs');
            }
          }
        }
        ws.close(1000);
        ws.once('close', () => resolve(agreed));
      } catch (e) {
        clearTimeout(timer);
        ws.terminate();
        reject(e);
      }
    });
  });
}

(async () => {
  let failed = 0;
  for (const c of CASES) {
    const start = Date.now();
    try {
      const agreed = await runCase(c);
      console.log('case ' + c.id + ' ok ' + (Date.now() - start) + ' ' + agreed);
    } catch (e) {
      failed++;
      console.log('case ' + c.id + ' FAIL ' + (Date.now() - start) + ' ' + String(e && e.message ? e.message : e)
        .replace(/\s+/g, ' '));
    }
  }
  console.log('cases ok ' + (CASES.length - failed) + ', cases failed ' + failed);
  process.exit(failed ? 1 : 0);
})();
