"""`make bench`: runs every benchmark module (bench/bench_*.py) and writes bench/results.json.

Each module has ``run() -> list[dict]`` returning results in the format of
../shared/spec/CONTRACTS.md ("Benchmark results"). ``--only PREFIX`` keeps the benchmarks
whose result names start with the prefix; a module is skipped when none of its declared
``NAMES`` match.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import pkgutil
import platform
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", default="", help="run only benchmarks whose names start with this"
    )
    parser.add_argument("--out", default=str(HERE / "results.json"))
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()

    started = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    results: list[dict] = []
    failures = 0
    for module_info in sorted(pkgutil.iter_modules([str(HERE)]), key=lambda m: m.name):
        if not module_info.name.startswith("bench_"):
            continue
        module = importlib.import_module(f"bench.{module_info.name}")
        names = getattr(module, "NAMES", None)
        if (
            args.only
            and names is not None
            and not any(n.startswith(args.only) or args.only.startswith(n) for n in names)
        ):
            continue
        print(f"-- {module_info.name}", file=sys.stderr, flush=True)
        t0 = time.perf_counter()
        try:
            produced = (
                module.run(only=args.only)
                if "only" in module.run.__code__.co_varnames
                else module.run()
            )
        except Exception:  # a broken benchmark is reported, the others still run
            traceback.print_exc()
            failures += 1
            continue
        for result in produced:
            if not args.only or result["name"].startswith(args.only):
                result.setdefault("baseline_name", None)
                result.setdefault("baseline_value", None)
                results.append(result)
        print(f"   {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    report = {"machine": machine(), "started": started, "results": results}
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
