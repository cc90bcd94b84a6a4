"""Fuzz kronika's edges with 10,000 generated inputs (hypothesis) and print the
counts: inputs tried per target, crashes (an exception escaping, a failure message
of more than one line, a 500, a response without the security headers, a changed
store). The checks are tests/fuzz_checks.py, the same the CI's tests/test_fuzz.py
runs on fewer inputs. A crash is printed with its input and the run goes on.

    python bench/fuzz.py [--examples 10000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

# Shares of the inputs: readers 40%, web 30%, search 20%, value checks 10%.
SHARES = {"readers": 0.4, "web": 0.3, "search": 0.2, "values": 0.1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    args = parser.parse_args()

    import logging

    logging.disable(logging.CRITICAL)  # trafilatura logs every broken page it is shown
    import fuzz_checks as fc
    from fastapi.testclient import TestClient
    from hypothesis import HealthCheck, given, settings

    from kronika.store import Store
    from kronika.web import create_app

    tried: Counter[str] = Counter()
    crashes: Counter[str] = Counter()

    def guarded(target: str, check):
        def run(case) -> None:
            tried[target] += 1
            try:
                check(case)
            except Exception:  # noqa: BLE001  (counted and shown, the run goes on)
                crashes[target] += 1
                if crashes[target] <= 3:
                    print(f"CRASH in {target} on {case!r:.300}", file=sys.stderr)
                    traceback.print_exc(limit=3)

        return run

    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = fc.small_store(folder / "fuzz.db")
        before = fc.store_fingerprint(db)
        client = TestClient(create_app(db), base_url="http://127.0.0.1")
        store = Store(db)
        targets = {
            "readers": (
                fc.reader_inputs(),
                guarded("readers", lambda c: fc.check_reader(folder, *c)),
            ),
            "web": (fc.web_requests(), guarded("web", lambda r: fc.check_web(client, *r))),
            "search": (fc.unicode_text, guarded("search", lambda q: fc.check_search(store, q))),
            "values": (fc.unicode_text, guarded("values", fc.check_value)),
        }
        for name, (strategy, check) in targets.items():
            examples = round(args.examples * SHARES[name])
            run = settings(
                max_examples=examples,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )(given(strategy)(check))
            run()
        store.close()
        intact = fc.store_fingerprint(db) == before

    seconds = time.perf_counter() - started
    print(f"{'target':<10}{'inputs tried':>14}{'crashes':>10}")
    for name in targets:
        print(f"{name:<10}{tried[name]:>14,}{crashes[name]:>10,}")
    print(f"{'total':<10}{sum(tried.values()):>14,}{sum(crashes.values()):>10,}")
    print(f"store intact: {'yes' if intact else 'NO'} · {seconds:.0f} s")
    sys.exit(1 if sum(crashes.values()) or not intact else 0)


if __name__ == "__main__":
    main()
