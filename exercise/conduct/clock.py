"""The exercise clock: scenario time from wall time.

Scenario time runs at `speed` scenario minutes per real minute while the clock runs, stands still
while it is paused, and moves only on command in facilitator-paced mode. Every change re-anchors
the clock at the wall time it happened, so pausing and resuming never gains or loses time. Wall
times are seconds since the epoch and are always passed in, never read here: the fold stays pure.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime

from exercise.conduct.errors import ConductError

MAX_SPEED = 600.0


def wall_now() -> datetime:
    return datetime.now(UTC)


def wall_seconds(now: datetime) -> float:
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return now.timestamp()


def check_speed(speed: float) -> float:
    try:
        value = float(speed)
    except (TypeError, ValueError):
        raise ConductError("refusal.clock.speed_not_number", speed=speed) from None
    if not 0 < value <= MAX_SPEED:
        raise ConductError("refusal.clock.speed_range", speed=speed, most=f"{MAX_SPEED:g}")
    return value


@dataclass(frozen=True)
class Clock:
    started: bool = False
    running: bool = False  # started and not paused
    paced: bool = False  # facilitator-paced: time moves only on command
    speed: float = 1.0
    anchor_wall: float = 0.0
    anchor_minute: float = 0.0

    @property
    def moving(self) -> bool:
        return self.running and not self.paced

    def minute_at(self, wall: float) -> float:
        """Scenario minute at wall time `wall` (seconds since the epoch)."""
        if not self.moving:
            return self.anchor_minute
        return self.anchor_minute + max(0.0, wall - self.anchor_wall) / 60.0 * self.speed

    def _rebased(self, wall: float) -> Clock:
        return replace(self, anchor_wall=wall, anchor_minute=self.minute_at(wall))

    def start(self, wall: float, minute: float, speed: float) -> Clock:
        return Clock(True, True, self.paced, speed, wall, minute)

    def pause(self, wall: float) -> Clock:
        if not self.running:
            return self
        return replace(self._rebased(wall), running=False)

    def resume(self, wall: float) -> Clock:
        if self.running:
            return self
        return replace(self, running=True, anchor_wall=wall)

    def with_speed(self, wall: float, speed: float) -> Clock:
        return replace(self._rebased(wall), speed=speed)

    def with_paced(self, wall: float, paced: bool) -> Clock:
        return replace(self._rebased(wall), paced=paced)

    def jump(self, wall: float, minute: float) -> Clock:
        return replace(self, anchor_wall=wall, anchor_minute=minute)

    @property
    def mode(self) -> str:
        """not started | running | paused | paced — what the facilitator console shows."""
        if not self.started:
            return "not started"
        if not self.running:
            return "paused"
        return "paced" if self.paced else "running"
