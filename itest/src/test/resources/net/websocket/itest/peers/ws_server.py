# An interop echo server on python-websockets (10.x, asyncio), bound to 127.0.0.1 on a free port.
# usage: ws_server.py [deflate | deflate-any]
#   deflate:      permessage-deflate as websockets serves it by default (compression="deflate": it asks for 12-bit
#                 windows both ways)
#   deflate-any:  permessage-deflate accepting the client's offer as it is (no limits of the server's own)
#   neither:      no extension
# It prints "PORT <n>" once it listens, echoes text and binary messages, chooses among the
# subprotocols v2.chat and v1.chat, and carries out the text commands:
#   close:CODE:REASON   close with CODE and REASON
#   fragment-me:TEXT    send TEXT back as one text message in three fragments
#   ping-me:DATA        ping with DATA; when the pong arrives, send "pong:DATA"
#   extensions?         answer "extensions=" and the Sec-WebSocket-Extensions field we answered with ("none")
import asyncio
import sys

import websockets
from websockets.extensions.permessage_deflate import ServerPerMessageDeflateFactory

MAX_MESSAGE = 16 * 1024 * 1024  # as the other interop servers
MODE = sys.argv[1] if len(sys.argv) > 1 else None


def three_fragments(text):
    n = len(text)
    return [text[: n // 3], text[n // 3: 2 * n // 3], text[2 * n // 3:]]


async def handler(ws, path=None):
    try:
        async for msg in ws:
            if isinstance(msg, str):
                if msg.startswith("close:"):
                    _, code, reason = msg.split(":", 2)
                    await ws.close(int(code), reason)
                    return
                if msg.startswith("fragment-me:"):
                    await ws.send(three_fragments(msg[len("fragment-me:"):]))
                    continue
                if msg == "extensions?":
                    await ws.send("extensions=" + ws.response_headers.get("Sec-WebSocket-Extensions", "none"))
                    continue
                if msg.startswith("ping-me:"):
                    data = msg[len("ping-me:"):]
                    waiter = await ws.ping(data.encode("utf-8"))
                    await asyncio.wait_for(waiter, 20)
                    await ws.send("pong:" + data)
                    continue
            await ws.send(msg)
    except websockets.exceptions.ConnectionClosed:
        pass


async def main():
    if MODE == "deflate-any":
        compression = dict(compression=None, extensions=[ServerPerMessageDeflateFactory()])
    else:
        compression = dict(compression="deflate" if MODE == "deflate" else None)
    async with websockets.serve(handler, "127.0.0.1", 0, subprotocols=["v2.chat", "v1.chat"],
                                max_size=MAX_MESSAGE, **compression) as server:
        port = server.sockets[0].getsockname()[1]
        print("PORT %d" % port, flush=True)
        # until the test closes our stdin (or kills us)
        await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)


asyncio.run(main())
