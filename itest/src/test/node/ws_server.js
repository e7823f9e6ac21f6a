// An interop echo server on Node's ws, bound to 127.0.0.1 on a free port.
// usage: node ws_server.js [deflate]   (deflate: permessage-deflate accepted with ws's defaults, every message
//                                       compressed whatever its size; without: no extension)
// It prints "PORT <n>" once it listens, echoes text and binary messages, chooses among the
// subprotocols v2.chat and v1.chat, and carries out the text commands:
//   close:CODE:REASON   close with CODE and REASON
//   fragment-me:TEXT    send TEXT back as one text message in three fragments
//   ping-me:DATA        ping with DATA; when the pong arrives, send "pong:DATA"
//   extensions?         answer "extensions=" and the Sec-WebSocket-Extensions field we answered with ("none")
'use strict';
const { WebSocketServer } = require('ws');

const MAX_MESSAGE = 16 * 1024 * 1024; // as the other interop servers
const MAX_FRAGMENTS = 1024 * 1024; // ws's default (16384) is below what large fragmented messages need
const SUBPROTOCOLS = ['v2.chat', 'v1.chat'];
const DEFLATE = process.argv[2] === 'deflate';

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port: 0,
  maxPayload: MAX_MESSAGE,
  maxFragments: MAX_FRAGMENTS,
  perMessageDeflate: DEFLATE ? { threshold: 0 } : false,
  // the first offered one we have; ws would otherwise take the client's first offer whatever it is
  handleProtocols: (offered) => {
    for (const p of offered) {
      if (SUBPROTOCOLS.includes(p)) return p;
    }
    return false;
  },
});

// the response's extensions field, per request, for "extensions?"
const answered = new WeakMap();
wss.on('headers', (headers, req) => {
  const field = headers.find((h) => /^sec-websocket-extensions:/i.test(h));
  answered.set(req, field ? field.slice(field.indexOf(':') + 1).trim() : 'none');
});

wss.on('connection', (ws, req) => {
  const pendingPings = new Set();
  ws.on('pong', (data) => {
    const d = data.toString('utf8');
    if (pendingPings.delete(d)) ws.send('pong:' + d);
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      ws.send(data, { binary: true });
      return;
    }
    const text = data.toString('utf8');
    if (text.startsWith('close:')) {
      const rest = text.slice('close:'.length);
      const colon = rest.indexOf(':');
      ws.close(parseInt(rest.slice(0, colon), 10), rest.slice(colon + 1));
    } else if (text.startsWith('fragment-me:')) {
      const t = Buffer.from(text.slice('fragment-me:'.length), 'utf8');
      // cut one byte into the first multi-byte character, as RFC 6455 allows
      let first = Math.floor(t.length / 3);
      for (let i = 0; i < t.length; i++) {
        if (t[i] & 0x80) { first = i + 1; break; }
      }
      const second = first + Math.floor((t.length - first) / 2);
      ws.send(t.subarray(0, first), { binary: false, fin: false });
      ws.send(t.subarray(first, second), { binary: false, fin: false });
      ws.send(t.subarray(second), { binary: false, fin: true });
    } else if (text === 'extensions?') {
      ws.send('extensions=' + answered.get(req));
    } else if (text.startsWith('ping-me:')) {
      const d = text.slice('ping-me:'.length);
      pendingPings.add(d);
      ws.ping(Buffer.from(d, 'utf8'));
    } else {
      ws.send(text);
    }
  });
  ws.on('error', () => {});
});

wss.on('listening', () => {
  console.log('PORT ' + wss.address().port);
});

// until the test closes our stdin (or kills us)
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
