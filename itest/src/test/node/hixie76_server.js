// A hixie-76 (hybi-00) echo server on websocket-driver, bound to 127.0.0.1 on a free port; it also
// speaks RFC 6455, so the text command "version?" answers which protocol the handshake chose.
// It prints "PORT <n>" once it listens and echoes text messages; the text command "close:..."
// makes it close (hixie-76 closes carry no code or reason).
'use strict';
const net = require('net');
const websocket = require('websocket-driver');

const MAX_MESSAGE = 16 * 1024 * 1024; // as the other interop servers

const server = net.createServer((conn) => {
  const driver = websocket.server({ allowDrafts: true, maxLength: MAX_MESSAGE });
  driver.on('connect', () => {
    if (websocket.isWebSocket(driver)) driver.start(); else conn.end();
  });
  driver.on('close', () => conn.end());
  driver.on('error', () => {});
  conn.on('error', () => {});
  conn.pipe(driver.io).pipe(conn);
  driver.messages.on('data', (msg) => {
    if (typeof msg !== 'string') {
      driver.binary(msg);
    } else if (msg === 'version?') {
      driver.text(driver.version);
    } else if (msg.startsWith('close:')) {
      driver.close();
    } else {
      driver.text(msg);
    }
  });
});

server.listen(0, '127.0.0.1', () => console.log('PORT ' + server.address().port));

// until the test closes our stdin (or kills us)
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
