# Interop checks with the python-websockets (10.x, asyncio) client against a server that echoes and
# understands the interop text commands (close:, fragment-me:, ping-me:) on /echo and chooses among
# v2.chat and v1.chat on /proto, announcing "subprotocol=NAME" first.
# usage: ws_client.py ws://127.0.0.1:PORT [deflate ws://127.0.0.1:WIRE_PORT]
# Without "deflate" the client offers no extension. With it, every connection offers permessage-deflate as
# websockets does by default (compression="deflate") and three more checks run: the extension agreed as both sides
# see it (the server tells its view on "extensions?"), offers with no_context_takeover and max_window_bits, and 20
# messages of JSON-like text sent through WIRE_PORT (a relay in front of the same server that counts the bytes).
# Prints "ok NAME" per passed check, "FAIL NAME: why" per failed one; exits 1 if any failed.
import asyncio
import os
import sys
import traceback

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory, PerMessageDeflate

BASE = sys.argv[1]
DEFLATE = len(sys.argv) > 2 and sys.argv[2] == "deflate"
WIRE_BASE = sys.argv[3] if DEFLATE else None
MAX_MESSAGE = 16 * 1024 * 1024
LARGE = 6 * 1024 * 1024
TIMEOUT = 30
# the messages of the wire check: 20 of 50,000 bytes
WIRE_MESSAGES = 20
WIRE_SIZE = 50000


class connect:
    """websockets.connect, offering permessage-deflate in the deflate run, checking what was agreed."""

    def __init__(self, path, base=None, **kw):
        if "extensions" not in kw:
            kw["compression"] = "deflate" if DEFLATE else None
        self.compressed = DEFLATE or "extensions" in kw
        self.inner = websockets.connect((base or BASE) + path, max_size=MAX_MESSAGE, open_timeout=TIMEOUT, **kw)

    async def __aenter__(self):
        ws = await self.inner.__aenter__()
        if self.compressed:
            check(len(ws.extensions) == 1 and isinstance(ws.extensions[0], PerMessageDeflate),
                  "no permessage-deflate agreed: %r" % (ws.extensions,))
        else:
            check(ws.extensions == [], "extensions agreed without an offer: %r" % (ws.extensions,))
        return ws

    async def __aexit__(self, *exc):
        return await self.inner.__aexit__(*exc)


async def recv(ws):
    return await asyncio.wait_for(ws.recv(), TIMEOUT)


def check(cond, what):
    if not cond:
        raise AssertionError(what)


async def text_and_binary():
    async with connect("/echo") as ws:
        for t in ["hello", "Grüße, 世界 \U0001F600", ""]:
            await ws.send(t)
            got = await recv(ws)
            check(got == t, "text echo %r != %r" % (got, t))
        b = bytes([0, 1, 2, 255, 128])
        await ws.send(b)
        got = await recv(ws)
        check(got == b, "binary echo %r" % (got,))
        for i in range(100):
            await ws.send("m%d" % i)
        for i in range(100):
            got = await recv(ws)
            check(got == "m%d" % i, "order: %r at %d" % (got, i))


async def fragmented():
    async with connect("/echo") as ws:
        await ws.send(["Hel", "lo, w", "örld"])
        got = await recv(ws)
        check(got == "Hello, wörld", "fragmented text echo %r" % got)
        parts = [os.urandom(100000) for _ in range(30)]
        await ws.send(parts)
        got = await recv(ws)
        check(got == b"".join(parts), "fragmented binary echo")
        text = "fragments: naïve café ☕ end"
        await ws.send("fragment-me:" + text)
        got = await recv(ws)
        check(got == text, "server fragments %r" % got)


async def large():
    async with connect("/echo") as ws:
        data = os.urandom(LARGE)
        await ws.send(data)
        check(await recv(ws) == data, "large binary echo")
        text = ("abcdefghij€" * (LARGE // 11 + 1))[:LARGE]
        await ws.send(text)
        check(await recv(ws) == text, "large text echo")


async def ping_pong():
    async with connect("/echo") as ws:
        waiter = await ws.ping(b"are you there?")
        await asyncio.wait_for(waiter, TIMEOUT)
        await ws.send("ping-me:srv-1")
        got = await recv(ws)
        check(got == "pong:srv-1", "server ping round trip: %r" % got)


async def client_close():
    async with connect("/echo") as ws:
        await ws.send("before close")
        check(await recv(ws) == "before close", "echo before close")
        await ws.close(4000, "client bye")
        check(ws.close_code == 4000, "server answered close with %r" % ws.close_code)


async def server_close():
    async with connect("/echo") as ws:
        await ws.send("close:4002:server bye ✓")
        try:
            got = await recv(ws)
            raise AssertionError("expected close, got %r" % got)
        except websockets.exceptions.ConnectionClosed:
            pass
        await ws.wait_closed()
        check(ws.close_code == 4002, "close code %r" % ws.close_code)
        check(ws.close_reason == "server bye ✓", "close reason %r" % ws.close_reason)


async def subprotocols():
    async with connect("/proto", subprotocols=["v1.chat"]) as ws:
        check(ws.subprotocol == "v1.chat", "chosen %r" % ws.subprotocol)
        check(await recv(ws) == "subprotocol=v1.chat", "announced")
    async with connect("/proto", subprotocols=["x.chat", "v2.chat", "v1.chat"]) as ws:
        check(ws.subprotocol == "v2.chat", "chosen %r" % ws.subprotocol)
        check(await recv(ws) == "subprotocol=v2.chat", "announced")
    async with connect("/proto") as ws:
        check(ws.subprotocol is None, "chosen %r" % ws.subprotocol)
        check(await recv(ws) == "subprotocol=none", "announced")
    try:
        async with connect("/proto", subprotocols=["nope.chat"]):
            raise AssertionError("handshake offering only an unknown subprotocol succeeded")
    except websockets.exceptions.InvalidStatusCode as e:
        check(e.status_code == 400, "refused with %d" % e.status_code)


def json_text(size, seed):
    """JSON-like text of size bytes (ASCII), different for each seed."""
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


def params(header):
    """The parameters of a Sec-WebSocket-Extensions value with one element: name to value (True when bare)."""
    out = {}
    for p in header.split(";")[1:]:
        k, _, v = p.strip().partition("=")
        out[k] = v.strip('"') if v else True
    return out


async def agreement(ws):
    """Both views of the agreement: ours (the response we got) and the server's (its answer to "extensions?")."""
    agreed = ws.response_headers.get("Sec-WebSocket-Extensions", "")
    await ws.send("extensions?")
    server = await recv(ws)
    check(server == "extensions=" + agreed, "the server says %r, we got %r" % (server, agreed))
    check(agreed.split(";")[0].strip() == "permessage-deflate", "agreed: %r" % agreed)
    return agreed, params(agreed)


async def exchange(ws):
    """Compressible and incompressible messages, whole and in fragments, several in a row (context takeover)."""
    for i in range(5):
        t = json_text(8000, i)
        await ws.send(t)
        check(await recv(ws) == t, "text echo %d" % i)
    b = os.urandom(30000) + bytes([7]) * 30000 + json_text(5536, 9).encode()
    await ws.send(b)
    check(await recv(ws) == b, "binary echo")
    t = json_text(20000, 11) + " naïve ☕"
    await ws.send([t[:7000], t[7000:14000], t[14000:]])
    check(await recv(ws) == t, "fragmented text echo")
    await ws.send("hi")
    check(await recv(ws) == "hi", "short text echo")


async def deflate_agreed():
    async with connect("/echo") as ws:
        agreed, ps = await agreement(ws)
        check("server_no_context_takeover" not in ps and "server_max_window_bits" not in ps,
              "unasked parameters: %r" % agreed)
        await exchange(ws)


# offers with each parameter RFC 7692 defines; websockets keeps to what the server answers
VARIANTS = [
    dict(server_no_context_takeover=True, client_no_context_takeover=True),
    dict(server_max_window_bits=10, client_max_window_bits=9),
    dict(server_no_context_takeover=True, client_no_context_takeover=True, server_max_window_bits=9,
         client_max_window_bits=12),
]


async def deflate_variants():
    for v in VARIANTS:
        async with connect("/echo", extensions=[ClientPerMessageDeflateFactory(**v)]) as ws:
            agreed, ps = await agreement(ws)
            what = "%r agreed as %r" % (v, agreed)
            if v.get("server_no_context_takeover"):
                check(ps.get("server_no_context_takeover") is True, what)
            if v.get("server_max_window_bits"):
                check(int(ps["server_max_window_bits"]) <= v["server_max_window_bits"], what)
            if "client_max_window_bits" in ps:
                check(int(ps["client_max_window_bits"]) <= v.get("client_max_window_bits", 15), what)
            ext = ws.extensions[0]
            check(ext.remote_no_context_takeover == bool(ps.get("server_no_context_takeover")), what)
            check(ext.local_no_context_takeover == bool(ps.get("client_no_context_takeover")), what)
            await exchange(ws)


async def deflate_wire():
    async with connect("/echo", base=WIRE_BASE) as ws:
        for i in range(WIRE_MESSAGES):
            t = json_text(WIRE_SIZE, 100 + i)
            await ws.send(t)
            check(await recv(ws) == t, "echo %d" % i)


CHECKS = [text_and_binary, fragmented, large, ping_pong, client_close, server_close, subprotocols]
if DEFLATE:
    CHECKS += [deflate_agreed, deflate_variants, deflate_wire]


async def main():
    failed = 0
    for c in CHECKS:
        try:
            await asyncio.wait_for(c(), 120)
            print("ok " + c.__name__, flush=True)
        except Exception as e:
            failed += 1
            print("FAIL %s: %s" % (c.__name__, repr(e)), flush=True)
            traceback.print_exc(file=sys.stdout)
    print("checks ok %d, checks failed %d" % (len(CHECKS) - failed, failed), flush=True)
    return failed


sys.exit(1 if asyncio.run(main()) else 0)
