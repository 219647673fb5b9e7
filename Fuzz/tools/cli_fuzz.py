#!/usr/bin/env python3
"""The CLI-level mutation run of Jobs/fuzz (docs/FUZZING.md): the built `pems` binary loads,
computes, exports and reports mutated copies of the conformance fixture, and anything but a
clean verdict is a finding.

Each round copies a prepared store (the fixture's registry, its 2024-07-07 packets as
history), mutates a few lines of the 2024-07-08 packet log (08:00–16:00, where the day's
events are), of an excerpt of that day's CSV readings and, one round in three, of a registry file, then runs

    pems registry import REG --effective-from 2024-07-08     (rounds with a mutated registry)
    pems load INBOX
    pems compute --from 2024-07-08
    pems export --from 2024-07-08 --out OUT
    pems report daily --date 2024-07-08 --out OUT

with the fixture's settings (`--config pems.yaml`). A finding is a command killed by a
signal (a crash or trap), one still running after the timeout (a hang), or an exit code
other than 0, 1, 3 and 64 (SPEC conventions; 1 with its message is how bad input is
refused). Its inputs, commands and output are kept under the findings folder with a
`repro.sh`. Mutations: bit flips, truncation, huge or odd numbers, odd bytes (NUL, invalid
UTF-8, quotes, separators, control and line-separator characters), deleted and duplicated
fields, shifted dates; a mutated packet is usually framed again (length and CRC made
right) so that it gets past the frame checks into the loader.
"""
import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time

DAY, HISTORY = "2024-07-08", "2024-07-07"
WINDOW = re.compile(rb"DataTime=20240708(\d\d)")
HOURS = {b"%02d" % h for h in range(8, 16)}
CSV_ROWS = 4000
OK_CODES = {0, 1, 3, 64}
ODD = [b"\x00", b"\xff", b"\xc3", b"\xe4\xb8", b"\x80", b"\t", b"\r", b"\n", b",", b";", b"=", b"&&", b"\"", b"'",
       b"\xe2\x80\xa8", b"\x1b[2J", b"%s%n", b"\\", b"/", b"..", b"=cmd|' /C calc'!A0", b"\xef\xbb\xbf", b" "]
NUMBERS = [b"1e308", b"-1e308", b"1e-400", b"9" * 40, b"-9223372036854775809", b"9223372036854775807", b"NaN", b"nan",
           b"inf", b"-inf", b"0x1p3", b"+5", b"-0", b".5", b"5.", b"1,5", b"", b"0" * 30 + b"1", b"1." + b"0" * 30,
           b"99999999999999999999.99999", b"4503599627370496", b"9007199254740993"]


def crc16(data):
    crc = 0xFFFF
    for b in data:
        crc = (crc >> 8) ^ b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def frame(segment):
    return b"##%04d" % (len(segment) % 10000) + segment + b"%04X" % crc16(segment)


def mutate_bytes(rng, line):
    """One mutation of one line (without its line end)."""
    op = rng.randrange(9)
    if not line:
        return rng.choice(ODD)
    i = rng.randrange(len(line))
    if op == 0:                                   # bit flip
        return line[:i] + bytes([line[i] ^ (1 << rng.randrange(8))]) + line[i + 1:]
    if op == 1:                                   # truncation
        return line[:i]
    if op == 2:                                   # odd bytes
        return line[:i] + rng.choice(ODD) + line[i:]
    if op in (3, 4):                              # a number replaced by a huge or odd one
        spans, j = [], 0
        while j < len(line):
            if line[j:j + 1].isdigit():
                k = j
                while k < len(line) and (line[k:k + 1].isdigit() or line[k:k + 1] in (b".", b"-")):
                    k += 1
                spans.append((j, k))
                j = k
            else:
                j += 1
        if spans:
            a, b = rng.choice(spans)
            return line[:a] + rng.choice(NUMBERS) + line[b:]
        return line
    if op == 5:                                   # a field deleted
        seps = [k for k, c in enumerate(line) if c in b",;"]
        if len(seps) >= 2:
            k = rng.randrange(len(seps) - 1)
            return line[:seps[k]] + line[seps[k + 1]:]
        return line[:i]
    if op == 6:                                   # a field duplicated
        seps = [k for k, c in enumerate(line) if c in b",;"]
        if len(seps) >= 2:
            k = rng.randrange(len(seps) - 1)
            return line[:seps[k + 1]] + line[seps[k]:seps[k + 1]] + line[seps[k + 1]:]
        return line + line
    if op == 7:                                   # a date shifted to an odd one
        for old in (b"2024-07-08", b"20240708"):
            if old in line:
                new = rng.choice([b"2024-02-30", b"9999-12-31", b"1970-01-01", b"2024-07-09", b"2024-13-01",
                                  b"0000-00-00", b"2024-07-07"])
                return line.replace(old, new if b"-" in old else new.replace(b"-", b""), 1)
        return line
    return line[:i] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8))) + line[i:]   # random bytes


def mutate_file(rng, path, packets):
    """Mutates 1–8 lines of the file at `path`; a mutated packet is framed again 3 times in 4."""
    with open(path, "rb") as f:
        lines = f.read().split(b"\n")
    for _ in range(rng.randrange(1, 9)):
        k = rng.randrange(len(lines))
        line = lines[k].rstrip(b"\r")
        end = lines[k][len(line):]
        if packets and line.startswith(b"##") and len(line) > 10 and rng.random() < 0.75:
            segment = mutate_bytes(rng, line[6:-4])
            lines[k] = frame(segment) + end
        else:
            lines[k] = mutate_bytes(rng, line) + end
        if rng.random() < 0.1:
            lines.insert(k, lines[k])             # sent twice
    with open(path, "wb") as f:
        f.write(b"\n".join(lines))


class Run:
    def __init__(self, args):
        self.args = args
        self.pems = os.path.abspath(args.pems)
        self.config = os.path.abspath(os.path.join(args.fixture, "pems.yaml"))
        self.work = os.path.abspath(args.work)
        self.base = os.path.join(self.work, "base")

    def pems_cmd(self, store, *rest):
        return [self.pems, "--store", store, "--config", self.config, *rest]

    def prepare(self):
        """The store every round starts from, and the unmutated inputs."""
        shutil.rmtree(self.work, ignore_errors=True)
        os.makedirs(self.base)
        shutil.copytree(os.path.join(self.args.fixture, "registry"), os.path.join(self.base, "registry"))
        store = os.path.join(self.base, "pems.db")
        for cmd in (["registry", "import", os.path.join(self.base, "registry"), "--effective-from", "2024-07-01"],
                    ["load", "--quiet", os.path.join(self.args.fixture, "packets", HISTORY + ".log")]):
            p = subprocess.run(self.pems_cmd(store, *cmd), capture_output=True, timeout=self.args.timeout * 4)
            if p.returncode != 0:
                sys.exit(f"cli_fuzz: preparing the base store failed: {' '.join(cmd)}: {p.stderr.decode(errors='replace')}")
        # A window of the day (its events and data-quality cases lie in it) keeps a round short.
        with open(os.path.join(self.args.fixture, "packets", DAY + ".log"), "rb") as f:
            lines = [l for l in f.readlines() if not WINDOW.search(l) or WINDOW.search(l).group(1) in HOURS]
        with open(os.path.join(self.base, DAY + ".log"), "wb") as f:
            f.write(b"".join(lines))
        with open(os.path.join(self.args.fixture, "readings", DAY + ".csv"), "rb") as f:
            rows = f.readlines()[:CSV_ROWS]
        with open(os.path.join(self.base, DAY + ".csv"), "wb") as f:
            f.write(b"".join(rows))

    def round(self, n, rng, mutate=True):
        """One round (without mutations: the control); returns a description of the finding, or None."""
        d = os.path.join(self.work, "round")
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(os.path.join(d, "inbox"))
        store = os.path.join(d, "pems.db")
        shutil.copy(os.path.join(self.base, "pems.db"), store)
        shutil.copytree(os.path.join(self.base, "registry"), os.path.join(d, "registry"))
        for name, packets in ((DAY + ".log", True), (DAY + ".csv", False)):
            path = os.path.join(d, "inbox", name)
            shutil.copy(os.path.join(self.base, name), path)
            if mutate:
                mutate_file(rng, path, packets)
        commands = []
        if mutate and rng.random() < 1 / 3:
            names = sorted(os.listdir(os.path.join(d, "registry")))
            mutate_file(rng, os.path.join(d, "registry", rng.choice(names)), False)
            commands.append(["registry", "import", os.path.join(d, "registry"), "--effective-from", DAY])
        out = os.path.join(d, "out")
        commands += [["load", "--quiet", os.path.join(d, "inbox")], ["compute", "--from", DAY],
                     ["export", "--from", DAY, "--out", out], ["report", "daily", "--date", DAY, "--out", out]]
        log = []
        self.control = []
        for cmd in commands:
            full = self.pems_cmd(store, *cmd)
            started = time.monotonic()
            try:
                p = subprocess.run(full, capture_output=True, timeout=self.args.timeout, cwd=d)
                code, out_text, err_text = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired as e:
                code, out_text, err_text = "timeout", e.stdout or b"", e.stderr or b""
            log.append((cmd, code, time.monotonic() - started, out_text, err_text))
            self.control.append((cmd[0], code, err_text))
            self.codes[str(code)] = self.codes.get(str(code), 0) + 1
            if code == "timeout" or code < 0 or code not in OK_CODES:
                what = (f"killed by signal {signal.Signals(-code).name}" if isinstance(code, int) and code < 0
                        else "no exit within the timeout" if code == "timeout" else f"exit {code}")
                return self.keep(n, d, log, f"pems {cmd[0]}: {what}")
        return None

    def keep(self, n, d, log, what):
        """Keeps a finding's inputs, commands and output, and a script that replays it."""
        dest = os.path.join(self.args.findings, f"round-{n}")
        shutil.rmtree(dest, ignore_errors=True)
        os.makedirs(dest)
        shutil.copytree(os.path.join(d, "inbox"), os.path.join(dest, "inbox"))
        shutil.copytree(os.path.join(d, "registry"), os.path.join(dest, "registry"))
        shutil.copy(os.path.join(self.base, "pems.db"), os.path.join(dest, "base.db"))
        with open(os.path.join(dest, "log.txt"), "wb") as f:
            f.write(what.encode() + b"\n")
            for cmd, code, seconds, o, e in log:
                f.write(f"\n$ pems {' '.join(cmd)}\nexit {code} after {seconds:.1f}s\n".encode() + o[-4000:] + e[-8000:])
        with open(os.path.join(dest, "repro.sh"), "w") as f:
            f.write("#!/usr/bin/env bash\n# Replays this finding: " + what + "\nset -x\ncd \"$(dirname \"$0\")\"\n"
                    "cp base.db pems.db\nPEMS=${PEMS:-" + self.pems + "}\n")
            for cmd, *_ in log:
                args = [a.replace(d, ".") for a in cmd]
                f.write(f"$PEMS --store pems.db --config {self.config} {' '.join(args)}; echo \"exit $?\"\n")
        os.chmod(os.path.join(dest, "repro.sh"), 0o755)
        return what

    def main(self):
        self.prepare()
        # The control: the unmutated inputs must go through cleanly, or the run proves nothing.
        self.codes = {}
        self.round(0, random.Random(0), mutate=False)
        bad = [(c, code, err) for c, code, err in self.control if code not in (0, 3)]
        if bad:
            sys.exit(f"cli_fuzz: the unmutated fixture does not run cleanly: {bad[0][0]} exit {bad[0][1]}: "
                     f"{bad[0][2].decode(errors='replace')[-500:]}")
        rng = random.Random(self.args.seed)
        deadline = time.monotonic() + self.args.seconds
        rounds, findings, self.codes = 0, [], {}
        while time.monotonic() < deadline:
            rounds += 1
            found = self.round(rounds, random.Random(rng.getrandbits(64)))
            if found:
                findings.append(found)
                print(f"cli: round {rounds}: FINDING {found} (kept in {self.args.findings}/round-{rounds})", flush=True)
            elif rounds % 10 == 0:
                print(f"cli: {rounds} rounds, {len(findings)} findings, exit codes {self.codes}", flush=True)
        shutil.rmtree(self.work, ignore_errors=True)
        print(f"cli: done: {rounds} rounds ({sum(self.codes.values())} commands) in {self.args.seconds} s, "
              f"{len(findings)} findings; exit codes {dict(sorted(self.codes.items()))}")
        return 1 if findings else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pems", required=True, help="the built pems binary")
    ap.add_argument("--fixture", required=True, help="../shared/conformance-spec2")
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--timeout", type=float, default=120, help="seconds one command may take")
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--work", required=True)
    ap.add_argument("--findings", required=True)
    args = ap.parse_args()
    print(f"cli: seed {args.seed} (--seed {args.seed} repeats this run's mutations)", flush=True)
    sys.exit(Run(args).main())


if __name__ == "__main__":
    main()
