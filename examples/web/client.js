// Public domain. The script of client.html: one WebSocket, a log of what happens on it.
(function () {
  "use strict";

  // Messages longer than this are logged by their length, start and end rather than in full.
  var SHOWN_CHARACTERS = 200;
  // Binary messages are logged by their length and at most this many first bytes, in hex.
  var SHOWN_BYTES = 16;

  var socket = null;
  var urlField = document.getElementById("url");
  var protocolsField = document.getElementById("protocols");
  var messageField = document.getElementById("message");
  var binaryBox = document.getElementById("binary");
  var closeCodeField = document.getElementById("close-code");
  var closeReasonField = document.getElementById("close-reason");
  var connectButton = document.getElementById("connect");
  var disconnectButton = document.getElementById("disconnect");
  var sendButton = document.getElementById("send");
  var log = document.getElementById("log");

  // One <li> per event: "open" (with "subprotocol ..." and "extensions ..." when the server chose some),
  // "recv: <message>", "sent: <message>", "close <code> <reason>", "error ...".
  function record(line) {
    var item = document.createElement("li");
    item.textContent = line;
    log.appendChild(item);
    console.log(line);
  }

  function describeText(text) {
    if (text.length <= SHOWN_CHARACTERS) {
      return text;
    }
    var half = SHOWN_CHARACTERS / 2;
    return "[" + text.length + " characters] " + text.slice(0, half) + "..." + text.slice(-half);
  }

  function describeBinary(buffer) {
    var bytes = new Uint8Array(buffer);
    var hex = [];
    for (var i = 0; i < bytes.length && i < SHOWN_BYTES; i++) {
      hex.push((bytes[i] < 16 ? "0" : "") + bytes[i].toString(16));
    }
    return "[binary " + bytes.length + " bytes" + (hex.length ? ": " + hex.join(" ") : "")
        + (bytes.length > SHOWN_BYTES ? " ..." : "") + "]";
  }

  function setConnected(connected) {
    connectButton.disabled = connected;
    urlField.disabled = connected;
    protocolsField.disabled = connected;
    disconnectButton.disabled = !connected;
    sendButton.disabled = !connected;
  }

  // The subprotocols field as a list: comma-separated names, blanks ignored.
  function protocols() {
    return protocolsField.value.split(",").map(function (p) {
      return p.trim();
    }).filter(function (p) {
      return p.length > 0;
    });
  }

  function connect() {
    try {
      socket = new WebSocket(urlField.value, protocols());
    } catch (e) {
      record("error " + e.message);
      return;
    }
    socket.binaryType = "arraybuffer";
    socket.onopen = function () {
      setConnected(true);
      record("open" + (socket.protocol ? " subprotocol " + socket.protocol : "")
          + (socket.extensions ? " extensions " + socket.extensions : ""));
    };
    socket.onmessage = function (event) {
      if (typeof event.data === "string") {
        record("recv: " + describeText(event.data));
      } else {
        record("recv: " + describeBinary(event.data));
      }
    };
    socket.onerror = function () {
      record("error");
    };
    socket.onclose = function (event) {
      setConnected(false);
      socket = null;
      record("close " + event.code + " " + event.reason);
    };
  }

  // The page's address may preset the fields: client.html?url=ws://...&protocols=a,b
  var query = new URLSearchParams(window.location.search);
  if (query.has("url")) {
    urlField.value = query.get("url");
  }
  if (query.has("protocols")) {
    protocolsField.value = query.get("protocols");
  }

  document.getElementById("connect-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (socket === null) {
      connect();
    }
  });

  document.getElementById("close-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (socket !== null) {
      try {
        socket.close(Number(closeCodeField.value), closeReasonField.value);
      } catch (e) {
        record("error " + e.message);
      }
    }
  });

  document.getElementById("send-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (socket !== null && socket.readyState === WebSocket.OPEN) {
      var text = messageField.value;
      if (binaryBox.checked) {
        var bytes = new TextEncoder().encode(text);
        socket.send(bytes.buffer);
        record("sent: " + describeBinary(bytes.buffer));
      } else {
        socket.send(text);
        record("sent: " + describeText(text));
      }
    }
  });
}());
