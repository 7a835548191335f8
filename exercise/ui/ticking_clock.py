"""The scenario time that moves on in the browser: a page shows the time as drawn and a tiny
script of the app's own moves it on each scenario minute while the clock runs, so a hundred
desks cost the server nothing per minute (issue #14: at speed 30 every desk was drawn again
every 2 s). The server draws it again only when the clock itself changes (start, pause,
speed, jump) or the exercise ends.

The script reads what it needs from a data attribute (numbers and the catalogue's time words,
never pack text) and writes only the text of the `<strong>` of the clock line it follows. With
no script (a test, a reader that blocks it) the line shows the time it was drawn at."""

from __future__ import annotations

import html
import json
import re

import streamlit as st

from exercise.conduct.state import ExerciseState
from exercise.i18n import Translator
from exercise.ui.clock_words import time_words

# One timer per browser tab, started by the first clock drawn; it follows every clock line on
# the page. Time passed since the server drew the clock is read off the browser's own clock when
# it agrees with the server's within LATE seconds (so a page that took a while to arrive is not
# behind); a browser whose clock is further off counts from when it first saw the drawing.
_SCRIPT = """<script>
if (!window.exerciseTicking) {
  window.exerciseTicking = true;
  const LATE = 20;
  const pad = n => String(n).padStart(2, "0");
  const mod = (a, n) => ((a % n) + n) % n;
  const say = (spec, minute) => {
    const whole = Math.trunc(minute);
    const elapsed = "T" + (whole < 0 ? "-" : "+") + pad(Math.floor(Math.abs(whole) / 60)) + ":"
      + pad(Math.abs(whole) % 60);
    if (spec.day === null) return spec.unknown.replaceAll("{elapsed}", elapsed);
    const total = spec.of_day + whole;
    const day = spec.day + Math.floor(total / 1440), ofDay = mod(total, 1440);
    let date = "";
    if (spec.date) {
      const when = new Date(spec.date + "T00:00:00Z");
      when.setUTCDate(when.getUTCDate() + day - spec.day);
      date = when.toISOString().slice(0, 10);
    }
    return spec.known.replaceAll("{day}", day).replaceAll("{clock}",
      pad(Math.floor(ofDay / 60)) + ":" + pad(ofDay % 60)).replaceAll("{elapsed}", elapsed)
      .replaceAll("{date}", date);
  };
  window.exerciseClockWords = say;  // the browser tests compare it with `time_text`
  const tick = () => document.querySelectorAll("[data-exercise-clock]").forEach(mark => {
    const spec = JSON.parse(mark.dataset.exerciseClock);
    if (mark.dataset.seenFor !== String(spec.wall)) {  // a new drawing, even in the same mark
      const late = Date.now() / 1000 - spec.wall;
      mark.dataset.seenFor = String(spec.wall);
      mark.dataset.seen = String(performance.now() - (late >= 0 && late < LATE ? late * 1000 : 0));
    }
    const line = document.querySelector(".st-key-" + spec.line + " strong");
    if (!line || spec.rate === 0) return;
    const passed = (performance.now() - Number(mark.dataset.seen)) / 60000;
    const words = say(spec, spec.minute + passed * spec.rate);
    if (line.textContent !== words) line.textContent = words;
  });
  setInterval(tick, 500);
  new MutationObserver(tick).observe(document.body, {childList: true, subtree: true});
}
</script>"""

# What `clock_html` draws: a hidden mark with the clock's numbers, then the constant script.
_OWN = re.compile(r'<span hidden data-exercise-clock="[^"<>]*"></span>' + re.escape(_SCRIPT))


def clock_spec(state: ExerciseState, minute: float, wall: float, t: Translator,
               line_key: str) -> dict[str, object]:
    """What the browser needs to move the clock line `line_key` on from `minute`, the scenario
    minute at `wall` (seconds since the epoch, the server's clock): the scenario minutes per
    wall minute (0 when the clock stands), and how the facilitator lets players see the time
    (`time_text`'s words)."""
    start, known = time_words(state.pack, t, state.player_clock)
    clock = state.clock
    return {
        "line": line_key,
        "minute": minute,
        "wall": round(wall, 3),
        "rate": clock.speed if clock.moving and not state.ended else 0,
        "known": known,
        "unknown": "{elapsed}",
        "day": start.day if start else None,
        "of_day": start.minute if start else 0,
        "date": start.date.isoformat() if start and start.date else None,
    }


def clock_html(spec: dict[str, object]) -> str:
    """The hidden mark and the app's own script that move a clock line on in the browser."""
    data = html.escape(json.dumps(spec, ensure_ascii=False), quote=True)
    return f'<span hidden data-exercise-clock="{data}"></span>{_SCRIPT}'


def is_clock_html(body: str) -> bool:
    """Whether `body` is what `clock_html` draws (the pages' own HTML: no pack text)."""
    return _OWN.fullmatch(body) is not None


def ticking(state: ExerciseState, wall: float, t: Translator, line_key: str) -> None:
    """Draw, beside the clock line `line_key` (a keyed container holding a `**time**` line
    drawn for the moment `wall`), what moves its time on in the browser while the clock runs."""
    minute = state.clock.minute_at(wall)
    st.html(clock_html(clock_spec(state, minute, wall, t, line_key)), width="content",
            unsafe_allow_javascript=True)
