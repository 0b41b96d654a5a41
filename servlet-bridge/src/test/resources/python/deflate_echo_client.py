"""Echo client for PythonWebsocketsClientTest: the Python package websockets against a Duplex server.

Usage: deflate_echo_client.py URI WINDOW_BITS
Offers permessage-deflate (websockets' own implementation on zlib), limiting both windows to
WINDOW_BITS when it is below 15.
Prints the agreed Sec-WebSocket-Extensions, then one line per echoed message; exits non-zero on a
mismatch.
"""
import asyncio
import random
import sys

import websockets
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory


def json_text(size):
    parts = []
    length = 0
    i = 0
    while length < size:
        part = '{"id":%d,"user":"h\u00e9llo","text":"message number %d"},' % (i, i)
        parts.append(part)
        length += len(part)
        i += 1
    return "".join(parts)[:size]


async def main(uri, window_bits):
    if window_bits < 15:
        factory = ClientPerMessageDeflateFactory(server_max_window_bits=window_bits,
                                                 client_max_window_bits=window_bits)
    else:
        factory = ClientPerMessageDeflateFactory(client_max_window_bits=True)
    async with websockets.connect(uri, extensions=[factory], compression=None,
                                  max_size=16 * 1024 * 1024) as ws:
        print("extensions:", ws.response_headers.get("Sec-WebSocket-Extensions"), flush=True)
        rng = random.Random(7692)
        messages = [json_text(size) for size in (0, 5, 63, 64, 100, 4096, 70000, 1000000)]
        messages.append(bytes(rng.getrandbits(8) for _ in range(300000)))
        messages.append(("\u03bd\u03b1\u03b9 " + json_text(200)) * 2000)
        for message in messages:
            await ws.send(message)
            echo = await ws.recv()
            if echo != message:
                print("mismatch for a message of", len(message), flush=True)
                return 1
            print("echoed", type(message).__name__, len(message), flush=True)
        await ws.close()
        print("closed", ws.close_code, flush=True)
    return 0


sys.exit(asyncio.run(main(sys.argv[1], int(sys.argv[2]))))
