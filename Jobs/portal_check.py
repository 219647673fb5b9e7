#!/usr/bin/python3
"""The portal's browser check (Jobs/portal-check runs it; Jobs/README.md "The portal").

    portal_check.py OUTBOX EVENTS_CSV DAY ENTERPRISES_CSV SHOTS_DIR

Serves OUTBOX with `python3 -m http.server --bind 127.0.0.1`, drives headless Chromium over the
DevTools protocol (a small WebSocket client, standard library only) and checks every page
reachable from the root index.html:
  - every href and src resolves with HTTP 200 on the server;
  - every <img> has loaded (naturalWidth > 0);
  - the console shows no error and no script throws;
  - on the day DAY's city page, choosing each district and each rule in the alarm filters shows
    exactly the rows EVENTS_CSV (`pems export` of that day) predicts, with the enterprises'
    districts from ENTERPRISES_CSV (the registry);
and saves screenshots of the city index and of DAY's page into SHOTS_DIR.
Exit 0 when every check passes, 1 otherwise (each failure printed).
"""
import base64, csv, json, os, socket, struct, subprocess, sys, tempfile, threading, time, urllib.error, urllib.parse, urllib.request

failures = []


def fail(msg):
    failures.append(msg)
    print("portal-check: FAIL " + msg, file=sys.stderr)


class WebSocket:
    """A minimal WebSocket client (RFC 6455): text frames, masked sends, fragmented receives."""

    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.sock = socket.create_connection((u.hostname, u.port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        req = (f"GET {u.path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nUpgrade: websocket\r\n"
               f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        self.sock.sendall(req.encode())
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(1)
            if not chunk:
                raise RuntimeError("websocket handshake closed")
            head += chunk
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError("websocket handshake refused: " + head.decode(errors="replace"))

    def send(self, text):
        data = text.encode()
        mask = os.urandom(4)
        n = len(data)
        if n < 126:
            header = struct.pack("!BB", 0x81, 0x80 | n)
        elif n < 65536:
            header = struct.pack("!BBH", 0x81, 0x80 | 126, n)
        else:
            header = struct.pack("!BBQ", 0x81, 0x80 | 127, n)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        buf = bytearray()
        while len(buf) < n:
            chunk = self.sock.recv(n - len(buf))
            if not chunk:
                raise RuntimeError("websocket closed")
            buf += chunk
        return bytes(buf)

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack("!H", self._exact(2))[0]
            elif n == 127:
                n = struct.unpack("!Q", self._exact(8))[0]
            payload = self._exact(n)
            opcode = b0 & 0x0F
            if opcode == 0x9:  # ping
                continue
            message += payload
            if b0 & 0x80:
                return message.decode()


class Page:
    """One browser tab over the DevTools protocol, collecting console errors and exceptions."""

    def __init__(self, ws_url):
        self.ws = WebSocket(ws_url)
        self.next_id = 0
        self.events = []
        for m in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(m)

    def call(self, method, **params):
        self.next_id += 1
        my = self.next_id
        self.ws.send(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_for(self, method, timeout=30):
        end = time.time() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                del self.events[: i + 1]
                return e
        while time.time() < end:
            msg = json.loads(self.ws.recv())
            if msg.get("method") == method:
                return msg
            self.events.append(msg)
        raise RuntimeError(f"timed out waiting for {method}")

    def errors(self):
        """Console errors, uncaught exceptions and failed loads seen since the last call."""
        out = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console." + p["type"] + ": " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("exception: " + d.get("text", "") + " " + str(d.get("exception", {}).get("description", "")))
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append("log: " + p["entry"].get("text", "") + " " + p["entry"].get("url", ""))
            elif m == "Network.responseReceived" and p.get("response", {}).get("status", 200) >= 400:
                out.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
            elif m == "Network.loadingFailed":
                out.append("load failed: " + p.get("errorText", ""))
        self.events = []
        return out

    def load(self, url):
        self.events = []
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        time.sleep(0.1)
        self.eval("1")  # drain what arrived

    def eval(self, expr):
        r = self.call("Runtime.evaluate", expression=expr, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError("evaluate failed: " + json.dumps(r["exceptionDetails"])[:400])
        return r["result"].get("value")

    def screenshot(self, path, width=1280):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=False)
        h = self.eval("Math.ceil(document.documentElement.scrollHeight)")
        h = min(int(h), 6000)
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                         clip={"x": 0, "y": 0, "width": width, "height": h, "scale": 1})
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def status(url):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method="GET"), timeout=30) as r:
            r.read()
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def main():
    if len(sys.argv) != 6:
        print(__doc__, file=sys.stderr)
        return 64
    outbox, events_csv, day, enterprises_csv, shots = sys.argv[1:]
    os.makedirs(shots, exist_ok=True)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", outbox],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.mkdtemp(prefix="portal-check-chromium-")
    browser = None
    try:
        base = f"http://127.0.0.1:{port}/"
        for _ in range(100):
            try:
                status(base)
                break
            except OSError:
                time.sleep(0.1)
        browser = subprocess.Popen(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                                    "--remote-debugging-port=0", "--remote-allow-origins=*", "--user-data-dir=" + profile,
                                    "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        ws_browser = None
        end = time.time() + 60
        while time.time() < end and ws_browser is None:
            line = browser.stderr.readline()
            if not line and browser.poll() is not None:
                raise RuntimeError("chromium exited")
            if "DevTools listening on " in line:
                ws_browser = line.split("DevTools listening on ", 1)[1].strip()
        if ws_browser is None:
            raise RuntimeError("chromium did not start its DevTools endpoint")
        # Keep reading Chromium's own log (D-Bus complaints and the like) so it never blocks on a full pipe.
        threading.Thread(target=lambda: [None for _ in browser.stderr], daemon=True).start()
        devtools = ws_browser.split("/devtools/")[0].replace("ws://", "http://")
        targets = json.load(urllib.request.urlopen(devtools + "/json/list"))
        page = Page(next(t for t in targets if t.get("type") == "page")["webSocketDebuggerUrl"])

        # Crawl every page reachable from the root, checking each one's links and images.
        todo, seen, checked = [base + "index.html"], set(), {}
        pages = 0
        while todo:
            url = todo.pop(0)
            if url in seen:
                continue
            seen.add(url)
            page.load(url)
            pages += 1
            for e in page.errors():
                fail(f"{url}: {e}")
            lang = page.eval("document.documentElement.lang")
            if lang != "zh-CN":
                fail(f"{url}: lang is {lang!r}")
            refs = page.eval("Array.from(document.querySelectorAll('[href],[src]')).map(e => e.href || e.src)")
            for ref in refs:
                if ref.startswith("data:"):
                    continue
                if not ref.startswith(base):
                    fail(f"{url}: link leaves the server: {ref}")
                    continue
                ref = ref.split("#")[0]
                if ref not in checked:
                    checked[ref] = status(ref)
                if checked[ref] != 200:
                    fail(f"{url}: {ref} answers HTTP {checked[ref]}")
                elif ref.endswith(".html"):
                    todo.append(ref)
            broken = page.eval("Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
            for b in broken:
                fail(f"{url}: image not loaded: {b}")
        print(f"portal-check: {pages} pages, {len(checked)} distinct links, all answered" if not failures else
              f"portal-check: {pages} pages, {len(checked)} distinct links")

        # Screenshots of the city index and the day's page.
        day_url = base + f"daily/{day}/index.html"
        page.load(base + "index.html")
        page.screenshot(os.path.join(shots, "index.png"))
        page.load(day_url)
        page.screenshot(os.path.join(shots, f"daily-{day}.png"))

        # The filters: predicted from the day's events.csv and the registry's districts.
        district_of = {}
        with open(enterprises_csv, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                district_of[row["enterprise_id"]] = row["district_code"]
        with open(events_csv, newline="", encoding="utf-8") as f:
            events = list(csv.DictReader(f))
        visible = "Array.from(document.querySelectorAll('#alarm-table tbody tr')).filter(r => r.offsetParent !== null).length"
        total = page.eval(visible)
        if total != len(events):
            fail(f"{day_url}: {total} alarm rows shown, events.csv has {len(events)}")

        def choose(select, value):
            page.eval(f"(function(){{var s=document.getElementById('{select}');s.value={json.dumps(value)};"
                      "s.dispatchEvent(new Event('change'));})()")
            return page.eval(visible)

        tried = 0
        for d in sorted({district_of.get(e["enterprise_id"], "") for e in events}):
            want = sum(1 for e in events if district_of.get(e["enterprise_id"], "") == d)
            got = choose("f-district", d)
            tried += 1
            if got != want:
                fail(f"{day_url}: district {d}: {got} rows shown, {want} expected")
            for r in sorted({e["rule"] for e in events}):
                want2 = sum(1 for e in events if district_of.get(e["enterprise_id"], "") == d and e["rule"] == r)
                got2 = choose("f-rule", r)
                if got2 != want2:
                    fail(f"{day_url}: district {d} + rule {r}: {got2} rows shown, {want2} expected")
            choose("f-rule", "")
        choose("f-district", "")
        for r in sorted({e["rule"] for e in events}):
            want = sum(1 for e in events if e["rule"] == r)
            got = choose("f-rule", r)
            tried += 1
            if got != want:
                fail(f"{day_url}: rule {r}: {got} rows shown, {want} expected")
        if choose("f-rule", "") != len(events):
            fail(f"{day_url}: clearing the filters does not show every row again")
        counts = {d: sum(1 for e in events if district_of.get(e["enterprise_id"]) == d) for d in set(district_of.values())}
        if len([c for c in counts.values() if c > 0]) < 2:
            fail(f"{day_url}: the day has events in fewer than 2 districts; choose a day whose filters can change the rows")
        for e in page.errors():
            fail(f"{day_url} (filters): {e}")
        print(f"portal-check: filters on {day}: {len(events)} events, {tried} choices, rows as events.csv predicts"
              if not failures else f"portal-check: filters on {day} checked")
        print(f"portal-check: screenshots in {shots}")
    finally:
        if browser is not None:
            browser.terminate()
            try:
                browser.wait(10)
            except subprocess.TimeoutExpired:
                browser.kill()
        server.terminate()
        server.wait(10)
        subprocess.run(["rm", "-rf", profile])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
