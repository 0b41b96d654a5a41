#!/usr/bin/env python3
"""The samples chat page in headless Chromium, driven over the DevTools protocol: join #lobby, say a line,
and check that the page shows the join notice and the line coming back through the server.

    samples/browser/chat-in-chromium.py http://127.0.0.1:8080/            (the samples server)
    samples/browser/chat-in-chromium.py http://127.0.0.1:8080/duplex-samples/   (the WAR in a container)

Needs Chromium (Debian: chromium) and Python's websockets (Debian: python3-websockets). A manual check, not
part of `mvn verify`; exits 0 when the page worked, 1 when it did not. Browsers offer permessage-deflate, so
this also checks compression against a real browser.
"""
import asyncio
import json
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websockets

LINE = "hello from chromium"


async def check(page_url, debugger_url):
    async with websockets.connect(debugger_url, max_size=None) as cdp:
        counter = 0

        async def call(method, **params):
            nonlocal counter
            counter += 1
            await cdp.send(json.dumps({"id": counter, "method": method, "params": params}))
            while True:
                message = json.loads(await cdp.recv())
                if message.get("id") == counter:
                    return message

        async def js(expression):
            reply = await call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
            return reply["result"]["result"].get("value")

        async def until(expression, seconds=10):
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                value = await js(expression)
                if value:
                    return value
                await asyncio.sleep(0.1)
            return None

        await call("Page.enable")
        await call("Page.navigate", url=page_url)
        if not await until("document.readyState === 'complete' && !!document.getElementById('join')"):
            return "the chat page did not load"
        await js("document.getElementById('join').requestSubmit()")
        if not await until("document.getElementById('status').textContent.startsWith('in #')"):
            return "did not join the room: status " + repr(await js("document.getElementById('status').textContent"))
        await js(f"document.getElementById('text').value = {json.dumps(LINE)};"
                 "document.getElementById('say').requestSubmit()")
        log = await until(f"document.getElementById('log').innerText.includes({json.dumps(LINE)})"
                          " && document.getElementById('log').innerText")
        if not log:
            return "the line did not come back: log " + repr(await js("document.getElementById('log').innerText"))
        print("chat page in", await js("navigator.userAgent"))
        print(log.strip())
        return None


def main():
    page_url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/"
    profile = tempfile.mkdtemp(prefix="duplex-chromium-")
    chromium = subprocess.Popen(["chromium", "--headless=new", "--no-sandbox", "--disable-gpu",
                                 "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile + "/DevToolsActivePort"
        for _ in range(200):
            try:
                port = open(port_file).readline().strip()
                if port:
                    break
            except OSError:
                pass
            time.sleep(0.05)
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
        debugger_url = next(t["webSocketDebuggerUrl"] for t in targets if t["type"] == "page")
        failure = asyncio.run(check(page_url, debugger_url))
    finally:
        chromium.terminate()
        chromium.wait()
        shutil.rmtree(profile, ignore_errors=True)
    if failure:
        print("FAILED:", failure)
        sys.exit(1)


if __name__ == "__main__":
    main()
