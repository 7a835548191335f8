"""Design doctor speed on the 300-agency synthetic pack, against plain validation of the same
pack text measured in the same run.

    .venv/bin/python benchmarks/bench_doctor.py [--quick]

Target (issue 11): the doctor (loading included) under 2 s on 300 agencies, 3,000 links,
1,000 injects.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import synthetic_pack_data  # noqa: E402
from exercise.design.doctor import diagnose_loaded  # noqa: E402
from exercise.scenario.loader import load_pack_text  # noqa: E402

TARGET_SECONDS = 2.0


def timed(call: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall and CPU seconds over `repeat` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), result


def main() -> int:
    repeat = 1 if "--quick" in sys.argv else 3
    text = yaml.safe_dump(synthetic_pack_data(300, 3000, 1000), allow_unicode=True, sort_keys=False)
    print(f"synthetic pack: 300 agencies, 3,000 links, 1,000 injects, {len(text):,} bytes of YAML")
    base_wall, base_cpu, result = timed(lambda: load_pack_text(text, file="synthetic.yaml"), repeat)
    assert result.ok, result.problems[:3]
    doctor_wall, doctor_cpu, diagnosis = timed(
        lambda: diagnose_loaded(load_pack_text(text, file="synthetic.yaml")), repeat)
    rules_wall, rules_cpu, _ = timed(lambda: diagnose_loaded(result), repeat)
    found = Counter(f.finding.severity.value for f in diagnosis.findings)
    print(f"plain validation (baseline): {base_wall * 1000:8.0f} ms wall {base_cpu * 1000:8.0f} ms CPU")
    print(f"doctor, loading included:    {doctor_wall * 1000:8.0f} ms wall {doctor_cpu * 1000:8.0f} ms CPU"
          f"  ratio {doctor_wall / base_wall:.2f}x the validation")
    print(f"doctor rules on a loaded pack: {rules_wall * 1000:6.0f} ms wall {rules_cpu * 1000:8.0f} ms CPU")
    print(f"findings: {dict(found)}; outages traced: {len(diagnosis.bite.outages)}; "
          f"reach changes: {len(diagnosis.bite.changes)}")
    # On a shared machine wall time includes waiting for a core; CPU time is what the doctor
    # itself costs, and equals wall time on an idle machine.
    print(f"target: doctor under {TARGET_SECONDS:.0f} s: "
          f"wall {'met' if doctor_wall < TARGET_SECONDS else 'MISSED'}, "
          f"CPU {'met' if doctor_cpu < TARGET_SECONDS else 'MISSED'}"
          f" (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    return 0 if min(doctor_wall, doctor_cpu) < TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
