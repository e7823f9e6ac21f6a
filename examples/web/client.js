// Public domain. The script of client.html: one WebSocket, a log of what happens on it.
(function () {
  "use strict";

  var socket = null;
  var urlField = document.getElementById("url");
  var messageField = document.getElementById("message");
  var connectButton = document.getElementById("connect");
  var disconnectButton = document.getElementById("disconnect");
  var sendButton = document.getElementById("send");
  var log = document.getElementById("log");

  // One <li> per event: "open", "recv: <message>", "sent: <message>", "close <code> <reason>", "error".
  function record(line) {
    var item = document.createElement("li");
    item.textContent = line;
    log.appendChild(item);
    console.log(line);
  }

  function setConnected(connected) {
    connectButton.disabled = connected;
    urlField.disabled = connected;
    disconnectButton.disabled = !connected;
    sendButton.disabled = !connected;
  }

  function connect() {
    try {
      socket = new WebSocket(urlField.value);
    } catch (e) {
      record("error " + e.message);
      return;
    }
    socket.binaryType = "arraybuffer";
    socket.onopen = function () {
      setConnected(true);
      record("open");
    };
    socket.onmessage = function (event) {
      if (typeof event.data === "string") {
        record("recv: " + event.data);
      } else {
        record("recv: [binary " + event.data.byteLength + " bytes]");
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

  document.getElementById("connect-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (socket === null) {
      connect();
    }
  });

  disconnectButton.addEventListener("click", function () {
    if (socket !== null) {
      socket.close(1000, "bye");
    }
  });

  document.getElementById("send-form").addEventListener("submit", function (event) {
    event.preventDefault();
    if (socket !== null && socket.readyState === WebSocket.OPEN) {
      socket.send(messageField.value);
      record("sent: " + messageField.value);
    }
  });
}());
