# The permessage-deflate conformance cases (itest's net.websocket.itest.deflate) with python-websockets (10.x) as the
# compressing client against an echo server.
# usage: deflate_client.py CASES.json ws://127.0.0.1:PORT/echo
# CASES.json: [{"id": "12.1.1", "offer": null | {"serverNoContextTakeover": bool, "clientNoContextTakeover": bool,
#   "serverMaxWindowBits": 9..15 | null, "clientMaxWindowBits": 9..15 | null}, "messages": [{"kind": "text" |
#   "binary", "size": n, "count": n, "fragment": n (0: whole)}]}]
# Each case connects to URL?case=ID offering permessage-deflate (websockets' default offer for a null "offer", else
# one with the given parameters; a null window size offers client_max_window_bits without a value and no
# server_max_window_bits), sends the messages one after the other, each checked against its echo, and closes.
# Prints per case "case ID ok MS AGREED" (AGREED: the response's Sec-WebSocket-Extensions) or
# "case ID FAIL MS why", then "cases ok N, cases failed M".
import asyncio
import json
import os
import sys
import time
import urllib.parse

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory, PerMessageDeflate

CASES = json.load(open(sys.argv[1], encoding="utf-8"))
URL = sys.argv[2]
MAX_MESSAGE = 16 * 1024 * 1024
TIMEOUT = 30


def json_text(size, seed):
    parts = []
    n = 0
    i = 0
    while n < size:
        item = '{"id":%d,"name":"item %d","tags":["red","blue"],"price":%d,"active":%s},' % (
            seed * 100000 + i, (i * 7 + seed) % 23, (i * 31 + seed) % 997, "true" if i % 3 == 0 else "false")
        parts.append(item)
        n += len(item)
        i += 1
    return "".join(parts)[:size]


def mixed(size, seed):
    """A random third, a run of one byte, then JSON-like text."""
    third = size // 3
    return os.urandom(third) + bytes([7]) * third + json_text(size - 2 * third, seed).encode("ascii")


def connect_args(offer):
    if offer is None:
        return dict(compression="deflate")
    factory = ClientPerMessageDeflateFactory(
        server_no_context_takeover=offer["serverNoContextTakeover"],
        client_no_context_takeover=offer["clientNoContextTakeover"],
        server_max_window_bits=offer["serverMaxWindowBits"],
        client_max_window_bits=offer["clientMaxWindowBits"] or True)
    return dict(compression=None, extensions=[factory])


async def run_case(c):
    url = URL + "?case=" + urllib.parse.quote(c["id"])
    async with websockets.connect(url, max_size=MAX_MESSAGE, open_timeout=TIMEOUT, **connect_args(c["offer"])) as ws:
        if len(ws.extensions) != 1 or not isinstance(ws.extensions[0], PerMessageDeflate):
            raise AssertionError("not agreed: %r" % (ws.extensions,))
        agreed = ws.response_headers.get("Sec-WebSocket-Extensions", "")
        seed = 0
        for m in c["messages"]:
            for i in range(m["count"]):
                binary = m["kind"] == "binary"
                payload = mixed(m["size"], seed) if binary else json_text(m["size"], seed)
                seed += 1
                frag = m["fragment"]
                if 0 < frag < len(payload):
                    await ws.send([payload[off:off + frag] for off in range(0, len(payload), frag)])
                else:
                    await ws.send(payload)
                echo = await asyncio.wait_for(ws.recv(), TIMEOUT)
                if echo != payload:
                    raise AssertionError("echo of %s message %d of %d bytes differs" % (m["kind"], i, m["size"]))
        return agreed


async def main():
    failed = 0
    for c in CASES:
        start = time.monotonic()
        try:
            agreed = await asyncio.wait_for(run_case(c), 4 * TIMEOUT)
            print("case %s ok %d %s" % (c["id"], (time.monotonic() - start) * 1000, agreed), flush=True)
        except Exception as e:
            failed += 1
            why = " ".join(repr(e).split())
            print("case %s FAIL %d %s" % (c["id"], (time.monotonic() - start) * 1000, why), flush=True)
    print("cases ok %d, cases failed %d" % (len(CASES) - failed, failed), flush=True)
    return failed


sys.exit(1 if asyncio.run(main()) else 0)
