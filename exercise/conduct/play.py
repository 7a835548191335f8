"""What a table does during play: acknowledge, decide, log actions, message other agencies,
request resources and answer requests. A table acts only for the agencies it plays."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from exercise.conduct import event_types as t
from exercise.conduct.errors import ConductError, NotAllowedNow, NotFound
from exercise.conduct.events import Event, NewEvent
from exercise.conduct.messaging import agency_name, channel_name, check_channel
from exercise.conduct.ports import EventStore
from exercise.conduct.records import InboxItem
from exercise.conduct.sessions import (
    Context,
    check_text,
    context,
    request_key,
    serialised,
    short_id,
)
from exercise.scenario.timecode import format_time

MAX_QUANTITY = 10_000_000


def _table(store: EventStore, token: str, agency: str, now: datetime | None, doing: str) -> Context:
    ctx = context(store, token, now)
    ctx.caller.require_agency(agency, doing)
    ctx.playing(doing)
    return ctx


def _delivered_item(ctx: Context, agency: str, inject_id: str) -> InboxItem:
    item = ctx.state.inbox.get(agency, {}).get(inject_id)
    if item is None:
        raise NotFound(f"{inject_id!r} has not been released to {agency}")
    return item


def acknowledge(store: EventStore, token: str, agency: str, inject_id: str,
                now: datetime | None = None) -> Event:
    ctx = _table(store, token, agency, now, "acknowledge injects")
    _delivered_item(ctx, agency, inject_id)
    return ctx.append(t.InjectAcknowledged(inject_id=inject_id, agency=agency),
                      f"ack:{inject_id}:{agency}")


@serialised
def decide(store: EventStore, token: str, agency: str, inject_id: str, option: str, rationale: str = "",
           now: datetime | None = None) -> Event:
    """Choose an option of a decision inject; a decision is final (choosing it again is a no-op)."""
    ctx = _table(store, token, agency, now, "decide")
    item = _delivered_item(ctx, agency, inject_id)
    inject = ctx.state.inject(inject_id)
    options = [o.id for o in inject.options]
    if not options:
        raise ConductError(f"{inject_id} asks for no decision")
    if option not in options:
        raise ConductError(f"{option!r} is not an option of {inject_id}; choose {' or '.join(options)}")
    if item.decision is not None and item.decision != option:
        raise NotAllowedNow(f"{agency} already chose {item.decision!r} for {inject_id} at "
                            f"{format_time(int(item.decision_minute or 0))}; a decision is final")
    decision = t.DecisionMade(inject_id=inject_id, agency=agency, option=option,
                              rationale=check_text(rationale, "the rationale", 2000, False))
    event = ctx.append(decision, f"decide:{inject_id}:{agency}", checked_state=True)
    chosen = getattr(event.data, "option", option)
    if chosen != option:  # the same table chose otherwise a moment before, on another screen
        raise NotAllowedNow(f"{agency} already chose {chosen!r} for {inject_id}; a decision is final")
    return event


def log_action(store: EventStore, token: str, agency: str, text: str, inject_id: str | None = None,
               request_id: str | None = None, now: datetime | None = None) -> Event:
    ctx = _table(store, token, agency, now, "log actions")
    if inject_id is not None:
        _delivered_item(ctx, agency, inject_id)
    action = t.ActionLogged(agency=agency, text=check_text(text, "the action"), inject_id=inject_id)
    return ctx.append(action, request_key("action", ctx.caller.actor, action.stored(), request_id))


def send_message(store: EventStore, token: str, sender: str, receiver: str, channel: str, text: str,
                 inject_id: str | None = None, request_id: str | None = None,
                 lang: str = "en", now: datetime | None = None) -> list[Event]:
    """Send through `channel`: delivered by the scheduler after its latency if the channel works
    now, failed at once with the reason and the channels that still work if it does not."""
    ctx = _table(store, token, sender, now, "send messages")
    pack = ctx.pack
    if receiver not in {a.id for a in pack.agencies} or receiver == sender:
        raise NotFound(f"{receiver!r} is not another agency of this exercise")
    if channel not in {c.id for c in pack.channels}:
        raise NotFound(f"the pack has no channel {channel!r}")
    for end in (sender, receiver):
        usable = pack.channels_usable_by(end)
        if channel not in usable:
            names = ", ".join(channel_name(pack, c, lang) for c in usable) or "none"
            raise ConductError(f"{agency_name(pack, end, lang)} has no {channel_name(pack, channel, lang)}; "
                               f"its channels are: {names}")
    if inject_id is not None and not ctx.state.has_inject(inject_id):
        raise NotFound(f"there is no inject {inject_id!r}")
    verdict = check_channel(ctx.state.world, channel, sender, receiver, ctx.minute, lang)
    body = check_text(text, "the message")
    what = {"sender": sender, "receiver": receiver, "channel": channel, "text": body, "inject_id": inject_id}
    key = request_key("message", ctx.caller.actor, what, request_id)
    message_id = short_id("MSG", key)
    sent = t.MessageSent(message_id=message_id, sender=sender, receiver=receiver, channel=channel, text=body,
                         inject_id=inject_id,
                         deliver_at=ctx.minute + verdict.latency if verdict.usable else None)
    events = [NewEvent.of(sent, ctx.caller.actor, ctx.minute, key)]
    if not verdict.usable:
        failed = t.MessageFailed(message_id=message_id, reason=verdict.reason,
                                 suggestions=verdict.suggestions)
        events.append(NewEvent.of(failed, ctx.caller.actor, ctx.minute, f"deliver:{message_id}"))
    return store.append(ctx.session_id, events)


def request_resource(store: EventStore, token: str, requester: str, holder: str, resource: str,
                     quantity: int, note: str = "", inject_id: str | None = None,
                     request_id: str | None = None, now: datetime | None = None) -> list[Event]:
    """Ask another agency for resources; more than the holder has in all is refused at once."""
    ctx = _table(store, token, requester, now, "request resources")
    pack = ctx.pack
    if holder not in {a.id for a in pack.agencies} or holder == requester:
        raise NotFound(f"{holder!r} is not another agency of this exercise")
    if resource not in {t.id for t in pack.resource_types}:
        known = ", ".join(t.id for t in pack.resource_types) or "none"
        raise NotFound(f"the pack has no resource type {resource!r}; it has {known}")
    quantity = _quantity(quantity)
    checked_note = check_text(note, "the note", 2000, False)
    what = {"requester": requester, "holder": holder, "resource": resource,
            "quantity": quantity, "note": checked_note, "inject_id": inject_id}
    key = request_key("request", ctx.caller.actor, what, request_id)
    rid = short_id("REQ", key)
    requested = t.ResourceRequested(request_id=rid, requester=requester, holder=holder, resource=resource,
                                    quantity=quantity, note=checked_note, inject_id=inject_id)
    events = [NewEvent.of(requested, ctx.caller.actor, ctx.minute, key)]
    line = ctx.state.resource_line(holder, resource)
    if quantity > line.held:
        refused = t.ResourceAnswered(request_id=rid, outcome="refused", quantity=0,
                                     reason=_over_capacity(ctx, holder, resource, quantity))
        events.append(NewEvent.of(refused, "system", ctx.minute, f"answer:{rid}"))
    return store.append(ctx.session_id, events)


@serialised
def answer_request(store: EventStore, token: str, request_id: str, quantity: int, reason: str = "",
                   now: datetime | None = None) -> Event:
    """The holder commits all (quantity = asked), part (less) or refuses (0, with a reason)."""
    ctx = context(store, token, now)
    request = ctx.state.requests.get(request_id)
    if request is None:
        raise NotFound(f"there is no resource request {request_id!r}")
    ctx.caller.require_agency(request.holder, "answer this request")
    ctx.playing("answer requests")
    if request.status != "open":
        raise NotAllowedNow(f"request {request_id} was already answered: {request.status}")
    quantity = _quantity(quantity, allow_zero=True)
    if quantity > request.quantity:
        raise ConductError(f"{request.requester} asked for {request.quantity}; commit at most that")
    line = ctx.state.resource_line(request.holder, request.resource)
    if quantity > line.free:
        raise ConductError(_over_capacity(ctx, request.holder, request.resource, quantity)
                           + f"; commit at most {line.free} or refuse")
    outcome: Literal["committed", "partly_committed", "refused"] = "refused" if quantity == 0 else (
        "committed" if quantity == request.quantity else "partly_committed")
    answer = t.ResourceAnswered(
        request_id=request_id, outcome=outcome, quantity=quantity,
        reason=check_text(reason, "the reason", 2000, outcome == "refused"))
    event = ctx.append(answer, f"answer:{request_id}", checked_state=True)
    stored = event.data
    if (getattr(stored, "outcome", None), getattr(stored, "quantity", None)) != (outcome, quantity):
        # answered otherwise a moment before, from another screen
        raise NotAllowedNow(f"request {request_id} was already answered")
    return event


def _over_capacity(ctx: Context, holder: str, resource: str, quantity: int) -> str:
    line = ctx.state.resource_line(holder, resource)
    name = agency_name(ctx.pack, holder)
    if line.held == 0:
        return f"{name} holds no {resource}"
    return (f"{name} holds {line.held} {resource}, {line.committed} already committed: "
            f"{line.free} free, {quantity} asked")


def _quantity(value: object, allow_zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConductError(f"the quantity {value!r} must be a whole number")
    if value < (0 if allow_zero else 1) or value > MAX_QUANTITY:
        raise ConductError(f"the quantity {value} must be between {0 if allow_zero else 1} and {MAX_QUANTITY}")
    return value
