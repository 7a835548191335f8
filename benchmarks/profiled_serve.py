"""Run `streamlit ...` (the arguments after the output file) under a sampling profiler, for
bench_live.py --profile: every 2 ms it notes which functions each thread that ran since the last sample is in, and every
2 s writes to the output file the functions that held the most samples, inclusive and self
(Streamlit keeps SIGTERM for itself, so the file is kept current instead of written at exit).

Run: python benchmarks/profiled_serve.py OUT.txt run exercise/ui/asgi.py --server.port=...
"""

from __future__ import annotations

import collections
import sys
import threading
import time
from pathlib import Path


def _on_cpu_ns(native_id: int) -> int:
    """Nanoseconds thread `native_id` of this process has run (first field of its schedstat)."""
    try:
        return int(Path(f"/proc/self/task/{native_id}/schedstat").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0


def _name(code) -> str:  # type: ignore[no-untyped-def]
    file = code.co_filename
    for marker in ("site-packages/", "/work/main/"):
        if marker in file:
            file = file.split(marker, 1)[1]
    return f"{file}:{code.co_name}"


def main() -> None:
    out = Path(sys.argv[1])
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    busy = [0]
    me = threading.get_ident()
    ran: dict[int, int] = {}

    def sample() -> None:
        written = time.monotonic()
        while True:
            time.sleep(0.002)
            if time.monotonic() - written > 2:
                dump()
                written = time.monotonic()
            natives = {t.ident: t.native_id for t in threading.enumerate()}
            for ident, frame in sys._current_frames().items():
                native = natives.get(ident)
                if ident == me or native is None:
                    continue
                on_cpu = _on_cpu_ns(native)
                if on_cpu == ran.get(native):  # waited since the last sample: not busy
                    continue
                ran[native] = on_cpu
                busy[0] += 1
                own[_name(frame.f_code)] += 1
                names = set()
                while frame is not None:
                    names.add(_name(frame.f_code))
                    frame = frame.f_back
                inclusive.update(names)

    def dump() -> None:
        total = max(busy[0], 1)
        lines = [f"{busy[0]} busy samples (2 ms apart)", "", "inclusive:"]
        lines += [f"{n / total:6.1%}  {name}" for name, n in inclusive.most_common(60)]
        lines += ["", "self:"] + [f"{n / total:6.1%}  {name}" for name, n in own.most_common(40)]
        out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    threading.Thread(target=sample, daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[2:]]
    cli.main()


if __name__ == "__main__":
    main()
