"""The facilitator's commands: the clock, the release of injects, ad-hoc injects, the end."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any, Literal

from pydantic import ValidationError

from exercise.conduct import event_types as t
from exercise.conduct.clock import check_speed
from exercise.conduct.errors import Code, ConductError, NotAllowedNow, NotFound, Phrase, listed
from exercise.conduct.errors import doing as doing_code
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.ports import EventStore, SessionRecord
from exercise.conduct.scheduler import plan_due, release_event
from exercise.conduct.sessions import (
    Context,
    check_text,
    context,
    request_key,
    serialised,
    short_id,
)
from exercise.conduct.state import ExerciseState, start_minute
from exercise.network.world import UnknownItem
from exercise.scenario.models import Inject
from exercise.scenario.timecode import MAX_MINUTES, TimeNotationError, format_time, parse_time


def _facilitator(store: EventStore, token: str, now: datetime | None, doing: str) -> Context:
    ctx = context(store, token, now)
    ctx.caller.require("facilitator", doing=doing)
    if ctx.state.ended:
        raise NotAllowedNow("refusal.ended", doing=doing_code(doing))
    return ctx


def _clock_event(ctx: Context, change: type[t.ClockChange], action: str, **fields: Any) -> Event:
    key = f"clock:{ctx.state.clock_seq}:{action}"
    return ctx.append(change(wall=ctx.wall, **fields), key)


def start_clock(store: EventStore, token: str, *, speed: float = 1.0, at: object | None = None,
                paced: bool = False, now: datetime | None = None) -> Event:
    """Start play at `at` (default: the first module) with `speed` scenario minutes per minute."""
    ctx = _facilitator(store, token, now, "start the exercise")
    if ctx.state.clock.started:
        raise NotAllowedNow("refusal.clock.already_started")
    minute = start_minute(ctx.pack) if at is None else _minute(at)
    event = ctx.append(t.ClockStarted(wall=ctx.wall, minute=minute, speed=check_speed(speed)),
                       "clock_started", minute)
    if paced:
        set_paced(store, token, True, now=now)
    return event


def pause(store: EventStore, token: str, now: datetime | None = None) -> Event | None:
    ctx = _facilitator(store, token, now, "pause the clock")
    _started(ctx)
    if not ctx.state.clock.running:
        return None
    return _clock_event(ctx, t.ClockPaused, "pause")


def resume(store: EventStore, token: str, now: datetime | None = None) -> Event | None:
    ctx = _facilitator(store, token, now, "resume the clock")
    _started(ctx)
    if ctx.state.clock.running:
        return None
    return _clock_event(ctx, t.ClockResumed, "resume")


def set_speed(store: EventStore, token: str, speed: float, now: datetime | None = None) -> Event:
    ctx = _facilitator(store, token, now, "change the speed")
    return _clock_event(ctx, t.ClockSpeedChanged, f"speed:{speed}", speed=check_speed(speed))


def set_paced(store: EventStore, token: str, paced: bool, now: datetime | None = None) -> Event | None:
    """Facilitator-paced mode: scenario time moves only on `jump_to_time`, `advance` or `jump_to_module`."""
    ctx = _facilitator(store, token, now, "switch facilitator-paced mode")
    _started(ctx)
    if ctx.state.clock.paced == bool(paced):
        return None
    return _clock_event(ctx, t.ClockPaced, f"paced:{bool(paced)}", paced=bool(paced))


def jump_to_time(store: EventStore, token: str, at: object, now: datetime | None = None) -> Event:
    """Move scenario time forward to `at` (T+02:30, 150…); what falls due on the way is released."""
    ctx = _facilitator(store, token, now, "move the clock")
    _started(ctx)
    minute = _minute(at)
    if minute < ctx.minute:
        raise ConductError("refusal.clock.backwards", time=format_time(int(minute)),
                           now=format_time(int(ctx.minute)))
    event = _clock_event(ctx, t.ClockJumped, f"jump:{minute}", minute=minute)
    from exercise.conduct.scheduler import tick

    tick(store, ctx.session_id, now)
    return event


def advance(store: EventStore, token: str, minutes: float, now: datetime | None = None) -> Event:
    """Move scenario time forward by `minutes` (facilitator-paced play)."""
    if not isinstance(minutes, (int, float)) or not 0 < minutes <= MAX_MINUTES:
        raise ConductError("refusal.clock.advance", minutes=minutes)
    ctx = _facilitator(store, token, now, "move the clock")
    return jump_to_time(store, token, ctx.minute + minutes, now)


PassedChoice = Literal["skip", "release"]


def passed_injects(state: ExerciseState, target: float) -> list[str]:
    """The injects a jump to scenario minute `target` passes over: those the scheduler would
    release on the way at a minute before `target` (their time, or their conditions, came
    earlier), in the order it would release them. In manual release mode, the same injects."""
    work = state.clone()
    work.release_mode = "auto"
    planned, _ = plan_due(work, target)
    return [e.payload.inject_id for e in planned
            if isinstance(e.payload, t.InjectReleased) and (e.scenario_minute or 0.0) < target]


@serialised
def jump_to_module(store: EventStore, token: str, module_id: str, passed: PassedChoice = "release",
                   now: datetime | None = None) -> Event:
    """Move the clock to the start of a later module. The injects planned before it are
    `skip`ped (recorded as skipped, with the jump as reason) or `release`d now, stamped with
    the module's start: no release is recorded at a time that never happened. The jump event
    records the module, the choice and the injects it concerned."""
    if passed not in ("skip", "release"):
        raise ConductError("refusal.clock.passed", passed=passed)
    ctx = _facilitator(store, token, now, "move the clock")
    _started(ctx)
    try:
        module = ctx.pack.module(module_id)
    except KeyError:
        modules = listed(m.id for m in ctx.pack.modules)
        raise NotFound("refusal.clock.no_module", module=module_id, modules=modules) from None
    target = float(module.start)
    if target < ctx.minute:
        raise ConductError("refusal.clock.module_past", module=module_id, start=format_time(module.start),
                           now=format_time(int(ctx.minute)))
    injects = passed_injects(ctx.state, target)
    jumped = t.ClockJumped(wall=ctx.wall, minute=target, module=module_id, passed=passed,
                           injects=tuple(injects))
    batch = [NewEvent.of(jumped, ctx.caller.actor, ctx.minute,
                         f"clock:{ctx.state.clock_seq}:jump:{target}")]
    reason = f"jumped to {module_id}"
    for inject_id in injects:
        if passed == "skip":
            batch.append(NewEvent.of(t.InjectSkipped(inject_id=inject_id, reason=reason),
                                     ctx.caller.actor, target, f"skip:{inject_id}"))
        else:
            batch.append(release_event(inject_id, target, "manual", ctx.caller.actor))
    event = store.append(ctx.session_id, batch, ctx.state.seq)[0]
    from exercise.conduct.scheduler import tick

    tick(store, ctx.session_id, now)
    return event


PLAYER_CLOCKS = ("both", "time_of_day", "elapsed")


def set_player_clock(store: EventStore, token: str, shows: str, now: datetime | None = None) -> Event | None:
    """What desks and the projector show of scenario time: `both` (Day 2 20:30 (T+12:00)),
    `time_of_day` (Day 2 20:30) or `elapsed` (T+12:00). Nothing is recorded when it is already so."""
    if shows not in PLAYER_CLOCKS:
        raise ConductError("refusal.clock.shows", shows=shows,
                           ways=listed(Code(way, f"clock.players.{way}") for way in PLAYER_CLOCKS))
    ctx = _facilitator(store, token, now, "choose what players see of the clock")
    if ctx.state.player_clock == shows:
        return None
    return ctx.append(t.PlayerClockChanged(shows=shows), f"player-clock:{ctx.state.seq}:{shows}")  # type: ignore[arg-type]


def set_release_mode(store: EventStore, token: str, mode: str, now: datetime | None = None) -> Event | None:
    """auto: due injects are released by the scheduler; manual: each waits for approval."""
    if mode not in ("auto", "manual"):
        raise ConductError("refusal.clock.release_mode", mode=mode)
    ctx = _facilitator(store, token, now, "change the release mode")
    if ctx.state.release_mode == mode:
        return None
    return ctx.append(t.ReleaseModeChanged(mode=mode), f"mode:{ctx.state.seq}:{mode}")  # type: ignore[arg-type]


def release_now(store: EventStore, token: str, inject_id: str, now: datetime | None = None) -> Event:
    """Release an inject at once (also one that is held, skipped or awaiting approval)."""
    ctx = _facilitator(store, token, now, "release injects")
    _started(ctx)
    _known_inject(ctx, inject_id)
    _not_released(ctx, inject_id)
    return ctx.store.append(ctx.session_id, [release_event(inject_id, ctx.minute, "manual",
                                                           ctx.caller.actor)])[0]


def _not_released(ctx: Context, inject_id: str) -> None:
    release = ctx.state.releases.get(inject_id)
    if release is not None:
        raise NotAllowedNow("refusal.inject.released", inject=inject_id,
                            time=format_time(int(release.scenario_minute)))


def hold(store: EventStore, token: str, inject_id: str, reason: str = "",
         now: datetime | None = None) -> Event:
    """Keep an inject back: the scheduler will not release it until released by hand."""
    return _hold(store, token, inject_id, reason, now, t.InjectHeld, "hold")


def skip(store: EventStore, token: str, inject_id: str, reason: str = "",
         now: datetime | None = None) -> Event:
    return _hold(store, token, inject_id, reason, now, t.InjectSkipped, "skip")


@serialised
def _hold(store: EventStore, token: str, inject_id: str, reason: str, now: datetime | None,
          model: type[t.InjectKeptBack], verb: str) -> Event:
    ctx = _facilitator(store, token, now, f"{verb} injects")
    _known_inject(ctx, inject_id)
    _not_released(ctx, inject_id)
    kept = model(inject_id=inject_id, reason=check_text(reason, "the reason", 1000, False))
    return ctx.append(kept, f"{verb}:{inject_id}", checked_state=True)


def adhoc_inject(store: EventStore, token: str, *, title: str, message: str, to: Sequence[str],
                 sender: str | None = None, type: str = "information", channel: str | None = None,
                 options: Sequence[dict[str, str]] = (), effects: Sequence[dict[str, Any]] = (),
                 expected_actions: Sequence[str] = (), request_id: str | None = None,
                 now: datetime | None = None) -> Event:
    """Write an inject during play and release it at once."""
    ctx = _facilitator(store, token, now, "write ad-hoc injects")
    _started(ctx)
    pack = ctx.pack
    module = next((m.id for m in sorted(pack.modules, key=lambda m: m.start)[::-1]
                   if m.start <= ctx.minute), pack.modules[0].id)
    definition: dict[str, Any] = {
        "module": module, "time": int(ctx.minute), "from": sender or (pack.actors or pack.agencies)[0].id,
        "to": list(to), "type": type, "title": check_text(title, "the title", 300),
        "message": check_text(message, "the message"), "channel": channel,
        "options": list(options), "effects": list(effects),
        "expected_actions": [check_text(a, "an expected action", 500) for a in expected_actions],
    }
    key = request_key("adhoc", ctx.caller.actor, definition, request_id)
    definition["id"] = short_id("AH", key)
    try:
        inject = Inject.model_validate(definition)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConductError("refusal.adhoc.invalid", where=where, problem=first["msg"]) from None
    _check_references(ctx, inject)
    adhoc = inject.model_dump(mode="json", by_alias=True, exclude_none=True)
    event = release_event(inject.id, ctx.minute, "adhoc", ctx.caller.actor, adhoc)
    return ctx.store.append(ctx.session_id, [event])[0]


def _check_references(ctx: Context, inject: Inject) -> None:
    pack = ctx.pack
    agencies = {a.id for a in pack.agencies}
    senders = agencies | {a.id for a in pack.actors}
    for agency in inject.to:
        if agency not in agencies:
            raise ConductError("refusal.adhoc.to", agency=agency)
    if inject.from_ not in senders:
        raise ConductError("refusal.adhoc.from", sender=inject.from_)
    if inject.channel is not None and inject.channel not in {c.id for c in pack.channels}:
        raise ConductError("refusal.no_channel", channel=inject.channel)
    if inject.type.value == "decision" and len(inject.options) < 2:
        raise ConductError("refusal.adhoc.options")
    for effect in inject.effects:
        try:
            ctx.state.world.apply(effect, int(ctx.minute))
        except UnknownItem as exc:
            raise ConductError("refusal.adhoc.effect", problem=str(exc)) from None


def end_session(store: EventStore, token: str, now: datetime | None = None) -> Event:
    """End play: desks become read-only; evaluators may still complete observations and the
    hot wash may still collect notes and feedback, until the session is closed."""
    ctx = _facilitator(store, token, now, "end the exercise")
    return ctx.append(t.SessionEnded(wall=ctx.wall), "session_ended")


@serialised
def close_session(store: EventStore, token: str, now: datetime | None = None) -> SessionRecord:
    """Close the session (ending it first if it is still running): after this nothing writes.
    Two closes at once record one end; closing a closed session is refused (`NotAllowedNow`,
    "this exercise session is closed") and records nothing. Returns the closed record."""
    ctx = context(store, token, now)
    ctx.caller.require("facilitator", doing="close the exercise session")
    if not ctx.state.ended:
        ctx.append(t.SessionEnded(wall=ctx.wall), "session_ended", checked_state=True)
    store.set_closed(ctx.session_id, True)
    return replace(ctx.record, closed=True)


def _started(ctx: Context) -> None:
    if not ctx.state.clock.started:
        raise NotAllowedNow("refusal.clock.not_started")


def _known_inject(ctx: Context, inject_id: str) -> None:
    if not isinstance(inject_id, str) or not ctx.state.has_inject(inject_id):
        raise NotFound("refusal.inject.unknown", inject=inject_id)


def _minute(value: object) -> float:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    try:
        minute = float(value) if isinstance(value, float) else float(parse_time(value))
    except TimeNotationError as exc:
        raise ConductError("refusal.time_notation", problem=Phrase("refusal.time_notation.unread", {"value": value},
                                                                   english=str(exc))) from None
    if not math.isfinite(minute) or abs(minute) > MAX_MINUTES:
        raise ConductError("refusal.clock.out_of_year", value=value)
    return minute
