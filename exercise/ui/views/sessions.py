"""Exercise sessions: start one from a pack (name, tables, evaluators), hand out every code once
as join links with QR codes and a printable handout, and resume or close past sessions."""

from __future__ import annotations

import streamlit as st

from exercise.conduct.access import authorize
from exercise.conduct.errors import ConductError, refusal
from exercise.conduct.facilitation import close_session
from exercise.conduct.ports import EventStore, SessionRecord
from exercise.conduct.reading import session_state
from exercise.conduct.sessions import JoinCodes, TableSpec, create_session, default_tables
from exercise.i18n import Translator
from exercise.scenario.models import ScenarioPack
from exercise.ui.context import current_translator, data_dir, scenarios_dir
from exercise.ui.gate import event_store, organizer_unlocked, require_organizer, run_command
from exercise.ui.library.catalogue import PackEntry, list_packs, pack_label
from exercise.ui.views.facilitator.links import (
    FACILITATOR_PAGES,
    base_url,
    facilitator_card_html,
    facilitator_links,
    handout_html,
    is_local_only,
    join_links,
    qr_png,
)
from exercise.ui.widgets import plain

NEW_CODES_KEY = "sessions.new_codes"
NEW_NAME_KEY = "sessions.new_name"
CARD_SAVED_KEY = "sessions.card_saved"
COPIED_KEY = "sessions.console_copied"
PACK_PARAM = "pack"


def sessions_page() -> None:
    t = current_translator()
    st.title(t("sessions.title"), anchor=False)
    if not require_organizer("sessions"):
        return
    store = event_store()
    codes = st.session_state.get(NEW_CODES_KEY)
    if isinstance(codes, JoinCodes):
        _show_codes(codes, t)
        st.divider()
    _start_form(store, t)
    st.divider()
    _past_sessions(store, t)


# --- starting a session --------------------------------------------------------------------


def _usable_packs() -> list[PackEntry]:
    return [e for e in list_packs(scenarios_dir(), data_dir()) if e.ok and e.result.pack is not None]


def tables_text(pack: ScenarioPack, plan_id: str | None = None, t: Translator | None = None) -> str:
    """The tables of the pack's plan `plan_id` (labels in the reader's language), else one table
    per agency; one a line: `label: agency, agency`."""
    plan = next((p for p in pack.table_plans or [] if p.id == plan_id), None)
    if plan is None and t is not None:  # one table per agency, by its name in the reader's language
        return "\n".join(f"{_plain_label(t.text(a.short_name or a.name))}: {a.id}"
                         for a in pack.agencies)
    if plan is None:
        return "\n".join(f"{s.label}: {', '.join(s.agencies)}" for s in default_tables(pack))
    return "\n".join(
        f"{_plain_label(t.text(table.name) if t and table.name else table.id)}: {', '.join(table.agencies)}"
        for table in plan.tables)


def _plain_label(label: str) -> str:
    return " ".join(label.replace(",", " ").split())


def _choose_plan(pack: ScenarioPack, key: str, t: Translator) -> str | None:
    """The pack's suggested table plans ('Five tables for a class of 15 to 25'), or one table per
    agency; None for the latter."""
    plans = {p.id: p for p in pack.table_plans or []}
    if not plans:
        return None
    options: list[str | None] = [None, *plans]  # one table per agency unless a plan is chosen
    chosen = st.selectbox(
        t("plans.choose"), options, key=f"sessions.plan.{key}",
        format_func=lambda p: t("plans.each_agency", count=len(pack.agencies)) if p is None
        else t("plans.option", name=t.text(plans[p].name), count=len(plans[p].tables)))
    if chosen is not None and plans[chosen].note:
        st.caption(plain(t.text(plans[chosen].note)))
    if chosen is not None:
        seated = {a for table in plans[chosen].tables for a in table.agencies}
        simulated = [t.text(a.name) for a in pack.agencies if a.id not in seated]
        if simulated:
            st.caption(plain(t("plans.simulated", names=", ".join(simulated))))
    return chosen


class NoAgencyLine(ConductError):
    """A line of the tables box that names no agency (said in the reader's language)."""

    def __init__(self, number: int, line: str) -> None:
        super().__init__(f"line {number} ({line!r}) names no agency; write "
                         "`table label: agency-id, agency-id`")
        self.number, self.line = number, line


def parse_tables(text: str) -> list[TableSpec]:
    """`label: agency, agency` per line; a line without a colon is one agency, labelled by it."""
    tables = []
    for number, raw in enumerate(str(text).splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        # Agency ids never hold a colon, a table label may (`Fire: http://…`): split on the last.
        label, sep, rest = line.rpartition(":")
        label, agencies = (label, rest) if sep else (line, line)
        ids = tuple(a.strip() for a in agencies.replace(";", ",").split(",") if a.strip())
        if not ids:
            raise NoAgencyLine(number, line[:40])
        tables.append(TableSpec(label.strip(), ids))
    return tables


def _start_form(store: EventStore, t: Translator) -> None:
    st.subheader(t("sessions.start"), anchor=False)
    packs = _usable_packs()
    if not packs:
        st.info(t("library.empty", folder=str(scenarios_dir())))
        return
    by_key = {entry.key: entry for entry in packs}
    wanted = st.query_params.get(PACK_PARAM)
    index = list(by_key).index(wanted) if wanted in by_key else 0
    key = st.selectbox(t("sessions.pack"), list(by_key), index=index,
                       format_func=lambda k: pack_label(by_key[k], t),
                       key="sessions.pack")
    entry = by_key[key]
    pack = entry.result.pack
    assert pack is not None
    with st.expander(t("sessions.agencies_of_pack", count=len(pack.agencies))):
        st.dataframe([{t("sessions.agency_id"): a.id, t("sessions.agency_name"): t.text(a.name)}
                      for a in pack.agencies], hide_index=True)
    plan = _choose_plan(pack, key, t)
    with st.form(f"sessions.new.{key}.{plan or 'each'}"):
        name = st.text_input(t("sessions.name"), value=t.text(pack.metadata.title), max_chars=200)
        tables = st.text_area(t("sessions.tables"), value=tables_text(pack, plan, t),
                              height=min(400, 40 + 24 * len(pack.agencies)),
                              help=t("sessions.tables_help"))
        evaluators = st.number_input(t("sessions.evaluators"), min_value=0, max_value=50, value=1)
        submitted = st.form_submit_button(t("sessions.create"), type="primary")
    if submitted:
        if not organizer_unlocked():  # the page is gated; checked again where it counts
            st.error(t("sessions.organizer_refused"))
            return
        _create(store, entry, name, tables, int(evaluators), t)


def _create(store: EventStore, entry: PackEntry, name: str, tables: str, evaluators: int,
            t: Translator) -> None:
    try:
        specs = parse_tables(tables)
    except NoAgencyLine as exc:
        st.error(plain(t("sweep.sessions.no_agency", number=exc.number, line=exc.line)))
        return
    text = entry.path.read_text(encoding="utf-8")
    codes = run_command(create_session, store, text, name=name, tables=specs, evaluators=evaluators)
    if codes is not None:
        st.session_state[NEW_CODES_KEY] = codes
        st.session_state[NEW_NAME_KEY] = name.strip() or codes.session_id
        st.rerun()


# --- the codes, shown once -----------------------------------------------------------------


def role_names(t: Translator) -> dict[str, str]:
    return {role: t(f"codes.role.{role}") for role in ("agency", "evaluator", "observer", "projector",
                                                 "debrief", "facilitator")}


def _show_codes(codes: JoinCodes, t: Translator) -> None:
    st.subheader(t("sessions.codes_title"), anchor=False)
    st.warning(t("sessions.codes_once"))
    address = st.text_input(t("sessions.address"), value=base_url(st.context.url),
                            help=t("sessions.address_help"), key="sessions.address")
    if is_local_only(address):
        st.info(t("sessions.address_local"))
    links = join_links(codes, address, current_translator().lang)
    names = role_names(t)
    console = next(link for link in links if link.role == "facilitator")
    st.markdown(f"**{t('sessions.console_link')}**")
    st.code(console.url, language=None, wrap_lines=True)
    st.link_button(t("sessions.open_console"), console.url, type="primary")
    title = str(st.session_state.get(NEW_NAME_KEY, codes.session_id))
    _facilitator_card(codes, title, address, t)
    columns = st.columns(3)
    for index, link in enumerate(item for item in links if item.role != "facilitator"):
        with columns[index % 3].container(border=True):
            label = "" if link.label == link.role else f": {link.label}"
            st.markdown(f"**{plain(names[link.role] + label)}**")
            st.image(qr_png(link.url), width=160, alt=t("a11y.qr_alt", url=link.url))
            st.code(link.url, language=None, wrap_lines=True)
    handout = handout_html(str(st.session_state.get(NEW_NAME_KEY, codes.session_id)),
                           links, names, t("sessions.handout_heading"), t("sessions.handout_note"),
                           lang=t.lang)
    st.download_button(t("sessions.handout"), handout.encode("utf-8"),
                       file_name=f"{codes.session_id}-join-links.html", mime="text/html")
    kept = bool(st.session_state.get(CARD_SAVED_KEY)) or bool(st.session_state.get(COPIED_KEY))
    if not kept:  # the codes are shown once: hiding them before the console link is kept locks
        st.caption(t("room.card.hide_locked"))  # the facilitator out of their own session
    if st.button(t("sessions.codes_saved"), disabled=not kept, key="sessions.hide_codes"):
        for key in (NEW_CODES_KEY, CARD_SAVED_KEY, COPIED_KEY):
            st.session_state.pop(key, None)
        st.rerun()


def _card_saved() -> None:
    st.session_state[CARD_SAVED_KEY] = True


def _facilitator_card(codes: JoinCodes, title: str, address: str, t: Translator) -> None:
    """The facilitator's own printable card (console, hot wash, debrief, instructor): the
    handout for the tables leaves the facilitator's code out."""
    links = facilitator_links(codes.facilitator, address, t.lang)
    names = {page: t(f"room.card.page.{page}") for page in FACILITATOR_PAGES}
    card = facilitator_card_html(title, links, names, t("room.card.heading"), t("room.card.note"),
                                 lang=t.lang)
    st.download_button(t("room.card.download"), card.encode("utf-8"), type="primary",
                       file_name=f"{codes.session_id}-facilitator-card.html", mime="text/html",
                       on_click=_card_saved, key="sessions.card")
    st.checkbox(t("room.card.copied"), key=COPIED_KEY)


# --- past sessions -------------------------------------------------------------------------


def _status(store: EventStore, record: SessionRecord, t: Translator) -> str:
    if record.closed:
        return t("sessions.status.closed")
    try:
        state = session_state(store, record.session_id)
    except ConductError:
        return t("sessions.status.broken")
    if state.ended:
        return t("sessions.status.ended")
    return t(f"clock.mode.{state.clock.mode.replace(' ', '_')}")


def _past_sessions(store: EventStore, t: Translator) -> None:
    st.subheader(t("sessions.past"), anchor=False)
    records = sorted(store.sessions(), key=lambda r: r.created_at, reverse=True)
    if not records:
        st.caption(t("sessions.none"))
        return
    st.dataframe([{t("sessions.col.name"): r.name, t("sessions.col.id"): r.session_id,
                   t("sessions.col.pack"): r.pack_id,
                   t("sessions.col.created"): r.created_at.strftime("%Y-%m-%d %H:%M"),
                   t("sessions.col.status"): _status(store, r, t)} for r in records],
                 hide_index=True)
    by_id = {r.session_id: r for r in records}
    with st.form("sessions.resume"):
        chosen = st.selectbox(t("sessions.col.name"), list(by_id),
                              format_func=lambda s: f"{by_id[s].name} ({s})")
        code = st.text_input(t("sessions.facilitator_code"), type="password",
                             help=t("sessions.facilitator_code_help"))
        left, right = st.columns(2)
        resume = left.form_submit_button(t("sessions.resume"), type="primary")
        close = right.form_submit_button(t("sessions.close"))
    if resume or close:
        _resume_or_close(store, chosen, code.strip(), close, t)


def _resume_or_close(store: EventStore, session_id: str, code: str, close: bool,
                     t: Translator) -> None:
    try:
        caller = authorize(store, code, session_id)
        caller.require("facilitator", doing="resume or close the session")
    except ConductError as exc:
        st.error(plain(refusal(exc, current_translator())))
        return
    if close:
        if run_command(close_session, store, code) is not None:
            st.success(t("sessions.closed_done"))
        return
    from exercise.ui.views.facilitator.page import console_page

    st.switch_page(console_page(), query_params={"k": code})
