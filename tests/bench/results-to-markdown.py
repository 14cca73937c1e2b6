#!/usr/bin/env python3
"""Turns a scripts/bench.sh results file (build/bench/results/<date>.txt) into the
Markdown table of docs/performance.md:  tests/bench/results-to-markdown.py FILE"""
import re
import sys

rows = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#"):
        print(line[1:].strip() + "  ")
        continue
    m = re.match(r"^(\S+)\s+(.*?)\s+(PASS|FAIL|INFO|N/A)(?:\s+\((.*)\))?$", line)
    if not m:
        continue
    name, body, verdict, note = m.group(1), m.group(2), m.group(3), m.group(4) or ""
    def grab(pattern):
        g = re.search(pattern, body)
        return g.group(1).strip() if g else ""
    value = grab(r"^((?:median|best|value|commands) [^ ]+(?: [^ ]+)?)(?=  |$)")
    p95 = grab(r"p95 ([^ ]+ [^ ]+)")
    n = grab(r"\bn (\d+)")
    goal = grab(r"goal (.*?)(?=  floor|$)")
    floor = grab(r"floor ([^ ]+ [^ ]+)")
    ratio = grab(r"ratio ([^ ]+)")
    rows.append((name, value, p95, n, goal, floor, ratio, verdict, note))
print()
print("| figure | value | p95 | n | goal | floor | ratio | | note |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    print("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
