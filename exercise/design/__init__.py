"""The exercise design doctor: how a pack will play (load, pacing, clock, failures that bite,
coherence, shape). Depends on `scenario` and `network` only; findings are codes and
parameters, and the sentences are made at the edge (CLI, UI) from a catalogue."""
