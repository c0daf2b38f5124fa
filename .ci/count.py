#!/usr/bin/env python3
"""Counts one meson run from its meson-logs/testlog*.json.

Prints "PASSED FAILED SKIPPED" on stdout and the name of every failure on
stderr. A TAP test (cmocka, node --test) counts each of its top-level cases;
any other test counts once. A test that meson marks failed (crash, sanitizer
abort, timeout, bad plan) counts at least one failure even when its TAP lines
all said ok, so nothing that failed can be summed as passed.
A missing log means meson ran no test: 0 0 0.
"""
import json
import re
import sys

TAP = re.compile(r"^(not )?ok\b(.*)$")
FAILED = {"FAIL", "ERROR", "TIMEOUT", "UNEXPECTEDPASS"}


def count(path):
    passed = failed = skipped = 0
    try:
        lines = open(path, encoding="utf-8", errors="replace").readlines()
    except FileNotFoundError:
        return 0, 0, 0
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        p = f = s = 0
        for out in (t.get("stdout") or "").splitlines():
            m = TAP.match(out)
            if not m:
                continue
            directive = m.group(2).upper()
            if "# SKIP" in directive or "# TODO" in directive:
                s += 1
            elif m.group(1):
                f += 1
            else:
                p += 1
        result = t.get("result", "ERROR")
        if p + f + s == 0:
            if result == "SKIP":
                s = 1
            elif result in FAILED:
                f = 1
            else:
                p = 1
        elif result in FAILED and f == 0:
            f = 1
        if f:
            print(f"  FAILED: {t.get('name')} ({result})", file=sys.stderr)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    return passed, failed, skipped


if __name__ == "__main__":
    print(*count(sys.argv[1]))
