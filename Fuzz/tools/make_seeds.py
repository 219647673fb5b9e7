#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (Fuzz/corpus/<target>/) from the conformance
fixtures in ../shared: small excerpts of the packet logs, CSV readings and registries, so
that every seed loads quickly and still holds the fixture's odd lines (wrong CRC, truncated
frame, bare segment, platform response, unknown MN, re-sent packet, clock fault). Run by
`Jobs/fuzz --seeds`; the output is committed, so fuzzing and CI do not need ../shared.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")
FIXTURES = [("spec2", os.path.join(SHARED, "conformance-spec2"))]
REGISTRY_FILES = ["districts.csv", "enterprises.csv", "collectors.csv", "facilities.csv", "points.csv", "links.csv",
                  "plans.csv", "responses.csv", "weather.csv", "exemptions.csv", "carbon.csv", "targets.csv"]


def crc16(data):
    """HJ 212-2017 appendix A (Sources/HJ212/CRC16.swift)."""
    crc = 0xFFFF
    for b in data:
        crc = (crc >> 8) ^ b
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
    return crc


def kind(line):
    """What is odd about a packet line, or None."""
    body = line.rstrip(b"\r\n")
    if not body.startswith(b"##"):
        return "bare"
    if b"CN=9014" in body:
        return "response"
    if b"MN=13069999990180" in body:
        return "unknown-mn"
    declared, segment, crc = body[2:6], body[6:-4], body[-4:]
    if not declared.isdigit() or int(declared) != len(segment):
        return "truncated"
    if int(crc, 16) != crc16(segment):
        return "bad-crc"
    return None


def write(target, name, data):
    folder = os.path.join(ROOT, "Fuzz", "corpus", target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def packets(tag, folder):
    days = sorted(os.listdir(os.path.join(folder, "packets")))
    for day in days:
        with open(os.path.join(folder, "packets", day), "rb") as f:
            lines = f.readlines()
        stem = day.rsplit(".", 1)[0]
        seen = set()
        for i, line in enumerate(lines):
            k = kind(line)
            if k and k not in seen:
                seen.add(k)
                # fuzz-packets: the odd line alone; fuzz-packet-log: it with its neighbours.
                write("packets", f"{tag}-{stem}-{k}.log", line)
                write("packet-log", f"{tag}-{stem}-{k}.log", b"".join(lines[max(0, i - 3):i + 4]))
        if day == days[0]:
            write("packets", f"{tag}-{stem}-first.log", b"".join(lines[:2]))
            write("packet-log", f"{tag}-{stem}-first.log", b"".join(lines[:12]))


def readings(tag, folder):
    path = os.path.join(folder, "readings")
    if not os.path.isdir(path):
        return
    days = sorted(os.listdir(path))
    for day in days[:1] + days[-3:]:
        with open(os.path.join(path, day), "rb") as f:
            lines = f.readlines()
        stem = day.rsplit(".", 1)[0]
        write("readings", f"{tag}-{stem}-first.csv", b"".join(lines[:40]))
        unknown = [i for i, l in enumerate(lines) if b"13069999990180" in l]
        if unknown:
            write("readings", f"{tag}-{stem}-unknown-mn.csv", lines[0] + b"".join(lines[unknown[0] - 5:unknown[0] + 5]))
    # The same rows in other dialects the loader reads (SPEC §3.2: column order free, flag
    # optional; RFC 4180 quotes; CR or CR LF line ends; a BOM).
    with open(os.path.join(path, days[0]), "rb") as f:
        rows = [l.rstrip(b"\r\n").split(b",") for l in f.readlines()[:12]]
    if tag == "spec2":
        write("readings", "dialect-quoted-crlf.csv", b"\xef\xbb\xbf" + b"".join(
            b",".join(b'"' + c + b'"' for c in r) + b"\r\n" for r in rows))
        write("readings", "dialect-reordered-cr.csv", b"".join(
            b",".join([r[4], r[0], r[3], r[2], r[1]]) + b"\r" for r in rows))


def registry(tag, folder):
    files = []
    for name in REGISTRY_FILES:
        p = os.path.join(folder, "registry", name)
        files.append(open(p, "rb").read() if os.path.exists(p) else None)
    last = max(i for i, f in enumerate(files) if f is not None)
    write("registry", f"{tag}-registry.bin", b"\0".join(f or b"" for f in files[:last + 1]))
    write("registry", f"{tag}-required-only.bin", b"\0".join(f or b"" for f in files[:6]))


def main():
    for tag, folder in FIXTURES:
        if not os.path.isdir(folder):
            sys.exit(f"make_seeds: {folder} is missing (the conformance fixtures live in ../shared)")
        packets(tag, folder)
        readings(tag, folder)
        registry(tag, folder)


if __name__ == "__main__":
    main()
