#!/usr/bin/env python3
"""Run dlint over real public repositories and count its findings per rule and file kind.

    python3 scripts/realworld.py                      table of findings per rule
    python3 scripts/realworld.py --save after.json    ... and keep every finding
    python3 scripts/realworld.py --compare before.json  per-rule before/after table
    python3 scripts/realworld.py --sample DC030       print the DC030 findings to read

Each repository of ``REPOSITORIES`` is read at its pinned commit: from a bare
mirror ``<mirror>/<owner>+<name>/repo`` when there is one (``--mirror``,
default ``$DLINT_MIRROR`` or ``/work/.mirror``), else cloned from GitHub into
``--cache``. The tree is extracted once into ``--cache`` and linted with the
default rules (``dlint check <tree> --format json --fail-on none``), the way a
new user would run it. Precision work: read ``--sample`` output for every rule
that fires often, then compare runs with ``--compare``.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

#: (owner/name, commit): projects with real Dockerfiles and Compose files
REPOSITORIES = [
    ("appwrite/appwrite", "0cefd0615350e1914a29caeef3342fd620a60045"),
    ("deviantony/docker-elk", "d409aa86b0a8cca6983ad8a1765d3c1567604f26"),
    ("docker/awesome-compose", "18f59bdb09ecf520dd5758fbf90dec314baec545"),
    ("docker-library/php", "445bf414f1d5866f7aef715f1203eae043710070"),
    ("docker-library/postgres", "6edb0a8c4def40c371514b34aef9037ec82d9110"),
    ("docker-library/python", "4f07059567fa61c80397126e8063dbbde011b794"),
    ("docker-library/ruby", "d55e25ae709885250a4e9718c27a09f1e963ca79"),
    ("dockersamples/example-voting-app", "63e9150ca17af4ed05880d4245e486481f73fcb4"),
    ("fastapi/full-stack-fastapi-template", "68adb40d37425f6f8668ec7e5a054500d045e43e"),
    ("frappe/frappe_docker", "4b9d35666abd84157ffadbf67558bbd3e1e39de7"),
    ("getredash/redash", "ca79fe988d81cdac9675b412f3dfcab107bc1fbc"),
    ("getsentry/self-hosted", "89a143f8e4d396a858cf6f462a832ae7da9fd2db"),
    ("hadolint/hadolint", "8f936c5e975d3663b3cce4ac5b3baa3db26b8516"),
    ("jenkinsci/docker", "ab3f5e0a80d666b1d554c2b7cad38b5c5ee35f1c"),
    ("jupyter/docker-stacks", "8209386950497966c8a9aa446b9a84a5dd78eab5"),
    ("mailcow/mailcow-dockerized", "06424670fa5d60fee851f58bfc49f66086d5f0a6"),
    ("nginx/docker-nginx", "0d7f4380c735af5009aa364e27fafecd958fd4fa"),
    ("nginx-proxy/nginx-proxy", "584073da6adc4565a428bf76d596fc1708a8a58b"),
    ("open-telemetry/opentelemetry-demo", "054282e318317f2be09f67dd9b0d7d1278566cfa"),
    ("paperless-ngx/paperless-ngx", "b0e0e8a35373a5d9d588a507cb63c79e50a23403"),
]

KINDS = {"DL": "dockerfile", "DF": "dockerfile", "DC": "compose", "DX": "project", "SC": "shell"}


def tree(repository: str, commit: str, mirror: Path, cache: Path) -> Path:
    """The repository's files at ``commit``, extracted under ``cache`` (once)."""
    target = cache / f"{repository.replace('/', '+')}@{commit[:12]}"
    if target.is_dir():
        return target
    git_dir = mirror / repository.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        git_dir = cache / "clones" / repository.replace("/", "+")
        if not git_dir.is_dir():
            subprocess.run(["git", "clone", "--bare", "-q", f"https://github.com/{repository}", str(git_dir)], check=True)
    with tempfile.TemporaryDirectory(dir=cache) as scratch:
        unpacked = Path(scratch) / "tree"
        extract(git_dir, commit, unpacked)
        unpacked.rename(target)
    return target


def extract(git_dir: Path, commit: str, into: Path) -> None:
    """Write the files of ``commit`` under ``into``; blobs a partial mirror lacks (its largest
    files) are left out, symbolic links and submodules too."""
    listing = subprocess.run(["git", f"--git-dir={git_dir}", "ls-tree", "-r", "-z", commit], capture_output=True, check=True).stdout
    entries = []
    for line in listing.split(b"\0"):
        if line:
            meta, path = line.split(b"\t", 1)
            mode, kind, sha = meta.split()
            if kind == b"blob" and mode != b"120000":
                entries.append((sha.decode(), path.decode("utf-8", "surrogateescape")))
    batch = subprocess.Popen(["git", f"--git-dir={git_dir}", "cat-file", "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    for sha, path in entries:
        batch.stdin.write(sha.encode() + b"\n")
        batch.stdin.flush()
        header = batch.stdout.readline().split()
        if header[1:2] == [b"missing"]:
            continue
        data = batch.stdout.read(int(header[2]))
        batch.stdout.read(1)
        target = into / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    batch.stdin.close()
    batch.wait()


def lint(folder: Path, repository: str) -> list[dict]:
    """dlint's findings in ``folder`` (paths relative to it, prefixed with the repository)."""
    result = subprocess.run(
        [sys.executable, "-m", "dlint", "check", ".", "--format", "json", "--fail-on", "none"],
        cwd=folder, capture_output=True, text=True, check=False,
    )
    if result.returncode not in (0, 1):
        print(f"{repository}: dlint exited {result.returncode}\n{result.stderr[-2000:]}", file=sys.stderr)
    findings = json.loads(result.stdout or "[]")
    for finding in findings:
        finding["repository"] = repository
    return findings


def per_rule(findings: list[dict]) -> dict[str, collections.Counter]:
    """Count of findings and of files per rule code."""
    count: collections.Counter = collections.Counter(f["code"] for f in findings)
    files = collections.Counter({code: len({(f["repository"], f["path"]) for f in findings if f["code"] == code}) for code in count})
    return {"findings": count, "files": files}


def print_table(findings: list[dict]) -> None:
    counts = per_rule(findings)
    severity = {f["code"]: f["severity"] for f in findings}
    print(f"{'rule':8} {'severity':8} {'findings':>8} {'files':>6}")
    for code, n in sorted(counts["findings"].items(), key=lambda item: (-item[1], item[0])):
        print(f"{code:8} {severity[code]:8} {n:8} {counts['files'][code]:6}")
    kinds = collections.Counter(KINDS.get(f["code"][:2], "other") for f in findings)
    print("\nper file kind: " + ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items())))
    repos = collections.Counter(f["repository"] for f in findings)
    print("per repository: " + ", ".join(f"{repo} {n}" for repo, n in sorted(repos.items())))
    print(f"total: {len(findings)}")


def print_comparison(before: list[dict], after: list[dict]) -> None:
    old, new = collections.Counter(f["code"] for f in before), collections.Counter(f["code"] for f in after)
    print(f"{'rule':8} {'before':>7} {'after':>7} {'change':>7}")
    for code in sorted(old.keys() | new.keys()):
        if old[code] != new[code]:
            print(f"{code:8} {old[code]:7} {new[code]:7} {new[code] - old[code]:+7}")
    for kind in sorted(set(KINDS.values())):
        b = sum(n for code, n in old.items() if KINDS.get(code[:2]) == kind)
        a = sum(n for code, n in new.items() if KINDS.get(code[:2]) == kind)
        print(f"{kind:10} {b:7} {a:7} {a - b:+7}")
    print(f"{'total':10} {len(before):7} {len(after):7} {len(after) - len(before):+7}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path(os.environ.get("DLINT_MIRROR", "/work/.mirror")))
    parser.add_argument("--cache", type=Path, default=Path(os.environ.get("DLINT_REALWORLD_CACHE", Path(tempfile.gettempdir()) / "dlint-realworld")))
    parser.add_argument("--only", action="append", default=[], help="owner/name to run (repeatable)")
    parser.add_argument("--save", type=Path, help="write every finding to this JSON file")
    parser.add_argument("--compare", type=Path, help="a file written by --save: print before/after per rule")
    parser.add_argument("--sample", action="append", default=[], metavar="CODE", help="print this rule's findings")
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    findings: list[dict] = []
    for repository, commit in REPOSITORIES:
        if args.only and repository not in args.only:
            continue
        findings += lint(tree(repository, commit, args.mirror, args.cache), repository)
    if args.save:
        args.save.write_text(json.dumps(findings, indent=1))
    if args.compare:
        print_comparison(json.loads(args.compare.read_text()), findings)
    else:
        print_table(findings)
    for code in args.sample:
        print(f"\n{code}:")
        for f in findings:
            if f["code"] == code:
                print(f"  {f['repository']}/{f['path']}:{f['line']}: {f['message']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
