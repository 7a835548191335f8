"""What a table does during play: acknowledge, decide, log actions, message other agencies,
request resources and answer requests. A table acts only for the agencies it plays."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from exercise.conduct import event_types as t
from exercise.conduct.errors import Code, ConductError, NotAllowedNow, NotFound, Phrase, listed
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
        raise NotFound("refusal.play.not_released", inject=inject_id, agency=agency)
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
        raise ConductError("refusal.play.no_decision", inject=inject_id)
    if option not in options:
        raise ConductError("refusal.play.not_an_option", option=option, inject=inject_id,
                           options=listed(options, "or"))
    if item.decision is not None and item.decision != option:
        raise NotAllowedNow("refusal.play.decided_at", agency=agency, option=item.decision, inject=inject_id,
                            time=format_time(int(item.decision_minute or 0)))
    decision = t.DecisionMade(inject_id=inject_id, agency=agency, option=option,
                              rationale=check_text(rationale, "the rationale", 2000, False))
    event = ctx.append(decision, f"decide:{inject_id}:{agency}", checked_state=True)
    chosen = getattr(event.data, "option", option)
    if chosen != option:  # the same table chose otherwise a moment before, on another screen
        raise NotAllowedNow("refusal.play.decided", agency=agency, option=chosen, inject=inject_id)
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
        raise NotFound("refusal.play.not_another_agency", agency=receiver)
    if channel not in {c.id for c in pack.channels}:
        raise NotFound("refusal.no_channel", channel=channel)
    for end in (sender, receiver):
        usable = pack.channels_usable_by(end)
        if channel not in usable:
            names = listed(channel_name(pack, c, lang) for c in usable) if usable else Code("none", "refusal.none")
            raise ConductError("refusal.play.no_such_channel", agency=agency_name(pack, end, lang),
                               channel=channel_name(pack, channel, lang), channels=names)
    if inject_id is not None and not ctx.state.has_inject(inject_id):
        raise NotFound("refusal.no_inject", inject=inject_id)
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
        raise NotFound("refusal.play.not_another_agency", agency=holder)
    if resource not in {t.id for t in pack.resource_types}:
        ids = [t.id for t in pack.resource_types]
        known = listed(ids) if ids else Code("none", "refusal.none")
        raise NotFound("refusal.play.no_resource_type", resource=resource, known=known)
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
        raise NotFound("refusal.play.no_request", request=request_id)
    ctx.caller.require_agency(request.holder, "answer this request")
    ctx.playing("answer requests")
    if request.status != "open":
        raise NotAllowedNow("refusal.play.answered_as", request=request_id,
                            status=Code(request.status, f"refusal.play.status.{request.status}"))
    quantity = _quantity(quantity, allow_zero=True)
    if quantity > request.quantity:
        raise ConductError("refusal.play.asked_for", requester=request.requester, quantity=request.quantity)
    line = ctx.state.resource_line(request.holder, request.resource)
    if quantity > line.free:
        raise ConductError("refusal.play.over_capacity", capacity=_capacity(ctx, request.holder, request.resource,
                                                                             quantity), free=line.free)
    outcome: Literal["committed", "partly_committed", "refused"] = "refused" if quantity == 0 else (
        "committed" if quantity == request.quantity else "partly_committed")
    answer = t.ResourceAnswered(
        request_id=request_id, outcome=outcome, quantity=quantity,
        reason=check_text(reason, "the reason", 2000, outcome == "refused"))
    event = ctx.append(answer, f"answer:{request_id}", checked_state=True)
    stored = event.data
    if (getattr(stored, "outcome", None), getattr(stored, "quantity", None)) != (outcome, quantity):
        # answered otherwise a moment before, from another screen
        raise NotAllowedNow("refusal.play.answered", request=request_id)
    return event


def _over_capacity(ctx: Context, holder: str, resource: str, quantity: int) -> str:
    return str(_capacity(ctx, holder, resource, quantity))


def _capacity(ctx: Context, holder: str, resource: str, quantity: int) -> Phrase:
    line = ctx.state.resource_line(holder, resource)
    name = agency_name(ctx.pack, holder)
    if line.held == 0:
        return Phrase("refusal.play.holds_none", {"agency": name, "resource": resource})
    return Phrase("refusal.play.holds", {"agency": name, "held": line.held, "resource": resource,
                                         "committed": line.committed, "free": line.free, "asked": quantity})


def _quantity(value: object, allow_zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ConductError("refusal.play.quantity_whole", value=value)
    if value < (0 if allow_zero else 1) or value > MAX_QUANTITY:
        raise ConductError("refusal.play.quantity_range", value=value, low=0 if allow_zero else 1, high=MAX_QUANTITY)
    return value
