# Interop checks with the python-websockets (10.x, asyncio) client against a server that echoes and
# understands the interop text commands (close:, fragment-me:, ping-me:) on /echo and chooses among
# v2.chat and v1.chat on /proto, announcing "subprotocol=NAME" first.
# usage: ws_client.py ws://127.0.0.1:PORT
# Prints "ok NAME" per passed check, "FAIL NAME: why" per failed one; exits 1 if any failed.
import asyncio
import os
import sys
import traceback

import websockets

BASE = sys.argv[1]
MAX_MESSAGE = 16 * 1024 * 1024
LARGE = 6 * 1024 * 1024
TIMEOUT = 30


def connect(path, **kw):
    return websockets.connect(BASE + path, max_size=MAX_MESSAGE, compression=None, open_timeout=TIMEOUT, **kw)


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


CHECKS = [text_and_binary, fragmented, large, ping_pong, client_close, server_close, subprotocols]


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
