"""`exercise network`: the contact graph of a pack under a given world state, in the terminal."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import networkx as nx

from exercise.cli.errors import UserError
from exercise.cli.language import code_word, language_option, listed, ljust, os_reason, rjust, words
from exercise.cli.pack import load_or_explain
from exercise.design.schedule import baseline_injects
from exercise.i18n import Translator, translator
from exercise.network.cascade import Arrival, Cascade, warning_cascade
from exercise.network.dot import render_dot
from exercise.network.exchange import (
    NetworkImportError,
    export_graph,
    read_contacts_csv,
    read_csv_network,
    read_graphml,
)
from exercise.network.findings import fragility_findings, hub_of
from exercise.network.graph import agency_label, planned_graph, status_graph, usable_graph
from exercise.network.metrics import GRAPH, NetworkMetrics, network_metrics
from exercise.network.montecarlo import delivery_probability
from exercise.network.observed import Contact, compare_with_plan
from exercise.network.phrases import duration, status_word
from exercise.network.reference import CITATION, load_reference, reference_names
from exercise.network.reference_ranges import compare_with_references, reference_ranges
from exercise.network.relay import RelayTime, relay_times
from exercise.network.tiers import tier_counts
from exercise.network.timeline import (
    ContactLost,
    InjectBite,
    TimelineReach,
    follow_timeline,
    world_on_timeline,
)
from exercise.network.whatif import most_damaging
from exercise.network.world import StatusReason, UnknownItem, WorldState
from exercise.scenario.models import AgencyEffect, InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.text import DEFAULT_LANGUAGE, localize
from exercise.scenario.timecode import TimeNotationError, format_time, parse_time
from exercise.ui.clock_words import time_text


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "network",
        help="contact-graph metrics, single points of failure and the warning cascade",
        description=(
            "Show the contact graph of PACK: metrics of the planned and usable graphs, single "
            "points of failure, links that are down and why, and the warning cascade from a "
            "source. The effects of the pack's own injects count from the minute each is scheduled "
            "(--no-timeline leaves them out); failures given with --down take effect at T+00:00; "
            "--at is the moment looked at."
        ),
    )
    parser.add_argument("pack", metavar="PACK", nargs="?", help="scenario pack (YAML)")
    parser.add_argument("--down", action="append", default=[], metavar="SYSTEM[@AREA]",
                        help="take an infrastructure system down (in an area and those below it)")
    parser.add_argument("--degraded", action="append", default=[], metavar="SYSTEM[@AREA]",
                        help="degrade an infrastructure system")
    parser.add_argument("--down-agency", action="append", default=[], metavar="AGENCY",
                        help="take an agency down")
    parser.add_argument("--source", metavar="ID", help="agency or actor the warning starts from")
    parser.add_argument("--at", default="T+00:00", metavar="TIME", help="moment to look at (T+03:00)")
    parser.add_argument("--no-timeline", action="store_true",
                        help="leave out the effects of the pack's injects (the plan alone)")
    parser.add_argument("--what-if", action="store_true", help="rank the most damaging single failures")
    parser.add_argument("--observed", metavar="CONTACTS.csv",
                        help="compare contacts made in play (sender,receiver,channel,"
                        "scenario_minute,inject_id; `exercise report --format contacts` writes "
                        "one) with the contact plan")
    parser.add_argument("--reference", metavar="NAME",
                        help=f"metrics of a real response network: {', '.join(reference_names())}")
    parser.add_argument("--graphml", metavar="FILE", help="metrics of a network from a GraphML file")
    parser.add_argument("--nodes", metavar="NODES.csv",
                        help="metrics of a network from a node CSV (id, name, …) with --edges")
    parser.add_argument("--edges", metavar="EDGES.csv", help="edge CSV (source, target, …)")
    parser.add_argument("--delivery", metavar="FROM:TO",
                        help="Monte Carlo: chance a message from FROM reaches TO within --deadline")
    parser.add_argument("--deadline", default="30", metavar="MINUTES",
                        help="for --delivery (default 30 minutes)")
    parser.add_argument("--trials", type=int, default=10_000, help="for --delivery")
    parser.add_argument("--seed", type=int, default=0, help="for --delivery")
    parser.add_argument("--export", choices=["graphml", "gexf"], help="write the graph to -o FILE")
    parser.add_argument("--dot", action="store_true", help="write DOT (Graphviz) to -o FILE or stdout")
    parser.add_argument("-o", "--output", metavar="FILE")
    language_option(parser)
    parser.set_defaults(handler=_network)


def _network(args: argparse.Namespace) -> int:
    t = words(args)
    if args.graphml or args.nodes or args.edges:
        return _show_reference(_read_network(args), args)
    if args.reference:
        try:
            reference = load_reference(args.reference)
        except UnknownItem as exc:
            raise UserError(str(exc)) from None
        if not args.pack:
            return _show_reference(reference, args)
    if not args.pack:
        raise UserError(t("cli.network.name_a_pack"))
    if args.export and not args.output:
        raise UserError(t("cli.network.export_needs_output"))
    pack = load_or_explain(args.pack, t).valid_pack
    try:
        at = parse_time(args.at)
    except TimeNotationError as exc:
        raise UserError(t("cli.option_error", option="--at", message=time_problem(exc, args.at, t))) from None
    schedule = [] if args.no_timeline else baseline_injects(pack)
    world = _world(pack, args, UserError, world_on_timeline(pack, schedule, args.lang))
    contacts = _read_contacts(args.observed, t) if args.observed else None
    delivery = _delivery_question(pack, args) if args.delivery else None
    plan = planned_graph(pack, args.lang)
    status = status_graph(world, at, args.lang, planned=plan)
    usable = usable_graph(status)
    if args.export:
        Path(args.output).write_bytes(export_graph(status, args.export))
        print(t("cli.wrote", file=args.output))
        return 0
    if args.dot:
        text = render_dot(status, lang=args.lang)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            print(text)
        return 0
    source = args.source or hub_of(plan)
    if source is None:
        raise UserError(t("cli.network.no_agencies"))
    relay = relay_times(pack)
    try:
        cascade = warning_cascade(world, source, at, args.lang)
        relayed = warning_cascade(world, source, at, args.lang,
                                  relay={a: r.minutes for a, r in relay.items()})
    except UnknownItem as exc:
        raise UserError(t("cli.option_error", option="--source", message=exc)) from None
    _print_state(pack, world, status, at, args.lang)
    if args.no_timeline:
        print(t("network.timeline.plan_only"))
    else:
        hub = source if source in plan else hub_of(plan)
        followed = follow_timeline(world, hub, schedule, until=at)
        print("\n" + "\n".join(timeline_lines(pack, followed, at, args.lang)))
    print("\n" + "\n".join(tier_lines(pack, args.lang)))
    print("\n" + "\n".join(channel_lines(pack, args.lang)))
    planned_metrics = network_metrics(plan)
    _print_metrics(pack, planned_metrics, network_metrics(usable), args.lang)
    _print_beside_references(planned_metrics, args.lang, reference.graph["name"] if args.reference else None)
    _print_cascade(pack, cascade, relayed, args.lang)
    _print_relay(pack, relay, args.lang)
    findings = fragility_findings(pack, args.lang, world, at, hub=source if source in plan else None)
    if findings:
        print("\n" + t("cli.network.fragile"))
        for finding in findings:
            print(f"  - {finding.text}")
    if contacts is not None:
        _print_observed(pack, contacts, args.lang)
    if delivery is not None:
        _print_delivery(world, at, *delivery, args)
    if args.what_if:
        print("\n" + t("cli.network.whatif.heading", source=source))
        for rank, result in enumerate(most_damaging(world, at, source, lang=args.lang), start=1):
            unreachable, pairs, minutes, lost = result.damage
            print(t("cli.network.whatif.line", rank=rank, label=result.label, unreachable=unreachable,
                    pairs=pairs, minutes=minutes, lost=lost))
    if args.reference:
        print("\n" + "=" * 72 + "\n" + t("cli.network.reference_banner") + "\n" + "=" * 72)
        _show_reference(reference, args)
    return 0


def _read_contacts(path: str, t: Translator) -> list[Contact]:
    try:
        return read_contacts_csv(Path(path).read_bytes(), path)
    except OSError as exc:
        raise UserError(t("cli.cannot_read", file=path, reason=os_reason(exc, t))) from None
    except NetworkImportError as exc:
        raise UserError(str(exc)) from None


def _print_observed(pack: ScenarioPack, contacts: list[Contact], lang: str) -> None:
    comparison = compare_with_plan(pack, contacts)

    def pair(a: str, b: str) -> str:
        return f"{agency_label(pack, a, lang) if a in plan_nodes else a} -> " \
               f"{agency_label(pack, b, lang) if b in plan_nodes else b}"

    t = translator(lang)
    plan_nodes = {a.id for a in pack.agencies}
    print("\n" + t("cli.network.observed.heading", count=len(contacts)))
    print(t("cli.network.observed.coverage", coverage=comparison.coverage, used=len(comparison.used),
            links=len(pack.links)))
    for title, pairs in ((t("cli.network.observed.unused"), comparison.planned_unused),
                         (t("cli.network.observed.emergent"), comparison.emergent)):
        print(t("cli.network.observed.count", title=title, count=len(pairs)))
        for a, b in pairs:
            print(f"    {pair(a, b)}")
    met = [e for e in comparison.expected if e.made]
    print(t("cli.network.observed.expected", all=sum(1 for e in comparison.expected if not e.missing),
            total=len(comparison.expected), some=len(met)))
    for coordinator in comparison.emergent_coordinators():
        print(t("cli.network.observed.coordinator", agency=agency_label(pack, coordinator.agency, lang),
                planned=coordinator.planned_betweenness, observed=coordinator.observed_betweenness))
    for piece in comparison.slices:
        print(t("cli.network.observed.module", module=piece.module, contacts=piece.contacts,
                links=piece.links))


def _world(pack: ScenarioPack, args: argparse.Namespace, error: type[Exception],
           world: WorldState | None = None) -> WorldState:
    world = world or WorldState.initial(pack)
    command_line = translator(args.lang)("cli.network.command_line")
    try:
        for status, values in ((Status.down, args.down), (Status.degraded, args.degraded)):
            for value in values:
                system, _, area = value.partition("@")
                effect = InfrastructureEffect(system=system, area=area or None, status=status)
                world = world.apply(effect, 0, source=command_line, lang=args.lang)
        for agency in args.down_agency:
            world = world.apply(AgencyEffect(agency=agency, status=Status.down), 0, command_line, args.lang)
    except (UnknownItem, ValueError) as exc:
        raise error(str(exc).splitlines()[0]) from None
    return world


def time_problem(exc: TimeNotationError, value: str, t: Translator) -> str:
    """Why a time given on the command line cannot be read: the scenario's own words in
    English, the notations it accepts in another language."""
    return str(exc) if t.lang == DEFAULT_LANGUAGE else t("cli.not_a_time", value=t("cli.quoted", text=value))


def _time(minute: float, pack: ScenarioPack, lang: str) -> str:
    """A scenario time as the app shows it: Day 1 09:00 (T+03:00), or T+03:00 alone."""
    return time_text(minute, pack, translator(lang))


def _print_state(pack: ScenarioPack, world: WorldState, status: nx.DiGraph, at: int, lang: str) -> None:
    t = translator(lang)
    print(t("cli.network.state", pack=pack.metadata.id, time=_time(at, pack, lang)))
    for text in dict.fromkeys(health.summary() for _, _, health in world.not_up(at)):
        print(f"  {text}")  # an effect on a county shows once, not once per area below it
    down = [(a, b, d) for a, b, d in status.edges(data=True) if not d["usable"]]
    if down:
        print("\n" + t("cli.network.links_down", down=len(down), total=status.number_of_edges()))
        for a, b, data in down:
            why = data["reasons"][0].text if data["reasons"] else ""
            print(f"  {agency_label(pack, a, lang)} -> {agency_label(pack, b, lang)}: {why}")


def _row(label: str, *values: object) -> str:
    return f"  {ljust(label, 40)}" + "".join(f"{value!s:>12}" for value in values)


METRIC_ROWS = ("agencies", "links", "density", "undirected_density", "reciprocity", "transitivity",
               "degree_centralization", "in_degree_centralization", "out_degree_centralization",
               "betweenness_centralization", "directed_betweenness_centralization",
               "weak_components", "diameter")


def _label(field: str, t: Translator) -> str:
    """A figure's name and the graph it is measured on: `density, undirected`."""
    graph = GRAPH.get(field)
    label = t(f"cli.network.metric.{field}")
    return t("cli.network.metric_graph", metric=label, graph=t(f"cli.network.graph.{graph}")) if graph else label


def _print_metrics(
    pack: ScenarioPack | None, plan: NetworkMetrics, now: NetworkMetrics | None, lang: str,
    labels: dict[str, str] | None = None,
) -> None:
    t = translator(lang)
    print("\n" + t("cli.network.metrics.heading")
          + ("\n" + " " * 42 + t("cli.network.metrics.columns") if now else ""))
    for field in METRIC_ROWS:
        values = [getattr(m, field) for m in (plan, now) if m is not None]
        print(_row(_label(field, t), *[f"{v:.3f}" if isinstance(v, float) else v for v in values]))
    now = now or plan
    if now.betweenness_sampled:
        print(t("cli.network.metrics.sampled"))

    def name(node: str) -> str:
        return agency_label(pack, node, lang) if pack else (labels or {}).get(node, str(node))

    for graph in ("directed", "undirected"):
        brokers = listed((f"{name(n)} {b:.2f}" for n, b in now.brokers(graph=graph)), t)
        print(("" if graph == "undirected" else "\n") + t(
            "cli.network.brokers", graph=t(f"cli.network.graph.{graph}"),
            meaning=t(f"cli.network.brokers.{graph}"), brokers=brokers or t("cli.none")))
    points = listed((name(n) for n in now.articulation_points), t) or t("cli.none")
    print(t("cli.network.cut_agencies", agencies=points))
    bridges = listed((f"{name(a)} - {name(b)}" for a, b in now.bridges), t) or t("cli.none")
    print(t("cli.network.cut_links", links=bridges))


def _figure(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def _print_beside_references(metrics: NetworkMetrics, lang: str, reference: str | None) -> None:
    """The pack's figures beside the range of the shipped reference networks, one sentence for
    each figure outside it."""
    t = translator(lang)
    extra = f"{reference:>12}" if reference else ""
    print("\n" + t("cli.network.beside.heading"))
    print(f"  {'':<40}{rjust(t('cli.network.beside.pack'), 8)}{rjust(t('cli.network.beside.range'), 14)}{extra}")
    values = {r.metric: dict(r.values) for r in reference_ranges()}
    for c in compare_with_references(metrics):
        label = t("cli.network.metric_graph", metric=t(f"cli.network.metric.{c.metric}"),
                  graph=t(f"cli.network.graph.{c.graph}"))
        named = f"{_figure(values[c.metric][reference]):>12}" if reference else ""
        print(f"  {ljust(label, 40)}{_figure(c.value):>8}{f'{_figure(c.low)}–{_figure(c.high)}':>14}{named}")
        if c.position == "within":
            continue
        print(t(f"cli.network.beside.{c.position}",
                meaning=t(f"cli.network.meaning.{c.metric}.{c.position}")))


def _print_cascade(pack: ScenarioPack, cascade: Cascade, relayed: Cascade, lang: str) -> None:
    t = translator(lang)
    print("\n" + t("cli.network.cascade.heading", source=cascade.source,
                    time=_time(cascade.start, pack, lang)))
    print(t("cli.network.cascade.columns"))
    agencies = {a.id for a in pack.agencies}

    def route_of(arrival: Arrival) -> str:
        return " -> ".join(
            f"{agency_label(pack, hop, lang) if hop in agencies else hop}" + (f" [{channel}]" if channel else "")
            for hop, channel in zip(arrival.route[1:], arrival.channels, strict=True)
        )

    def when(found: Cascade, agency_id: str) -> str:
        arrival = found.arrivals.get(agency_id)
        if arrival is None:
            return f"{rjust(t('cli.network.cascade.never'), 10)}{'':>9}"
        return f"{format_time(math.ceil(arrival.time)):>10}{arrival.time - found.start:>7g} m"

    for arrival in sorted(cascade.arrivals.values(), key=lambda a: (a.time, a.agency)):
        route = route_of(arrival)
        print(f"  {ljust(agency_label(pack, arrival.agency, lang), 34)}{when(cascade, arrival.agency)}"
              f"{when(relayed, arrival.agency)}  {route or t('cli.network.cascade.source')}")
        other = relayed.arrivals.get(arrival.agency)
        if other is not None and other.route != arrival.route:
            print(f"  {'':<34}{'':>38}  " + t("cli.network.cascade.relayed", route=route_of(other)))
    for agency_id, why in cascade.unreachable.items():
        print(f"  {ljust(agency_label(pack, agency_id, lang), 34)}{when(cascade, agency_id)}{when(relayed, agency_id)}")
        for reason in why[:4]:
            print(f"      {reason}")
    last = [max((a.time for a in c.arrivals.values()), default=c.start) - c.start for c in (cascade, relayed)]
    print(t("cli.network.cascade.last", channels=last[0], relayed=last[1]))


def _print_relay(pack: ScenarioPack, relay: dict[str, RelayTime], lang: str) -> None:
    """Decide-and-relay times grouped by where each comes from."""
    groups: dict[tuple[float, str, str], list[str]] = {}
    for agency_id, time in relay.items():
        groups.setdefault((time.minutes, time.basis, time.key), []).append(agency_label(pack, agency_id, lang))
    t = translator(lang)
    print("\n" + t("cli.network.relay.heading"))
    for (minutes, basis, key), names in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1], g[0][2])):
        more = len(names) - 6
        shown = listed(names[:6], t) + (t("cli.network.relay.more", more=more) if more > 0 else "")
        rule = code_word(t, "cli.network.sector" if basis == "sector" else "level", key)
        print(t("cli.network.relay.line", minutes=minutes, basis=t(f"cli.network.relay.{basis}", key=rule),
                names=shown))


def _read_network(args: argparse.Namespace) -> nx.DiGraph:
    t = words(args)
    try:
        if args.graphml:
            graph = read_graphml(Path(args.graphml).read_bytes(), args.graphml)
            name = args.graphml
        elif args.nodes and args.edges:
            graph = read_csv_network(Path(args.nodes).read_bytes(), Path(args.edges).read_bytes(),
                                     args.nodes, args.edges)
            name = f"{args.nodes} + {args.edges}"
        else:
            raise UserError(t("cli.network.nodes_and_edges"))
    except OSError as exc:
        raise UserError(t("cli.cannot_read", file=exc.filename, reason=os_reason(exc, t))) from None
    except NetworkImportError as exc:
        raise UserError(str(exc)) from None
    graph.graph.setdefault("title", name)
    graph.graph.setdefault("name", name)
    return graph


def _delivery_question(pack: ScenarioPack, args: argparse.Namespace) -> tuple[str, str, int]:
    """FROM, TO and the deadline of --delivery, checked before anything is printed."""
    t = words(args)
    source, _, target = (part.strip() for part in args.delivery.partition(":"))
    known = {a.id for a in pack.agencies} | {a.id for a in pack.actors}
    for end in (source, target):
        if end not in known:
            raise UserError(t("cli.network.delivery.unknown", agency=t("cli.quoted", text=end)))
    try:
        deadline = parse_time(args.deadline)
    except TimeNotationError as exc:
        raise UserError(t("cli.option_error", option="--deadline",
                          message=time_problem(exc, args.deadline, t))) from None
    if deadline <= 0 or not 0 < args.trials <= 1_000_000:
        raise UserError(t("cli.network.delivery.limits"))
    return source, target, deadline


def _print_delivery(world: WorldState, at: int, source: str, target: str, deadline: int,
                    args: argparse.Namespace) -> None:
    t = words(args)

    def progress(done: int, total: int) -> None:
        print("\r" + t("cli.network.delivery.progress", done=done, total=total), end="",
              file=sys.stderr, flush=True)

    estimate = delivery_probability(world, source, target, deadline, at, trials=args.trials,
                                    seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print("\n" + t("cli.network.delivery.result", source=source, target=target, deadline=deadline,
                    time=_time(at, world.pack, args.lang), probability=estimate.probability,
                    low=estimate.low, high=estimate.high, trials=estimate.trials, seed=estimate.seed))


def _show_reference(graph: nx.DiGraph, args: argparse.Namespace) -> int:
    metrics = network_metrics(graph)
    title, name = graph.graph.get("title", ""), graph.graph.get("name", "")
    print(title if title == name or not name else f"{title} ({name})")
    labels = {str(n): str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    _print_metrics(None, metrics, None, args.lang, labels)
    t = words(args)
    if args.reference and not (args.graphml or args.nodes):
        print("\n" + t("cli.network.reference_source", citation=CITATION))
    if args.export:
        if not args.output:
            raise UserError(t("cli.network.export_needs_output"))
        Path(args.output).write_bytes(export_graph(graph, args.export))
        print(t("cli.wrote", file=args.output))
    return 0


# --- the pack's own timeline -----------------------------------------------------------------

MAX_SHOWN = 6


def _why(reasons: tuple[StatusReason, ...], lang: str) -> str:
    """The first reason (it names its chain of causes), then the injects behind every reason."""
    t = translator(lang)
    if not reasons:
        return ""
    sources = list(dict.fromkeys(r.source for r in reasons if r.source))
    text = reasons[0].text
    space = "" if lang == "zh-TW" else " "
    return f"{text}{space}{t('network.timeline.by', injects=', '.join(sources))}" if sources else text


def _listed(items: list[str], lang: str) -> str:
    shown = items[:MAX_SHOWN]
    if len(items) > MAX_SHOWN:
        shown.append(translator(lang)("network.timeline.more", count=len(items) - MAX_SHOWN))
    return ("、" if lang == "zh-TW" else ", ").join(shown)


def timeline_lines(pack: ScenarioPack, followed: TimelineReach, at: float, lang: str) -> list[str]:
    """When each agency is cut off from the hub and why, then what each inject's effects cut."""
    t = translator(lang)
    hub = agency_label(pack, followed.hub, lang) if followed.hub else "-"
    out = [t("network.timeline.heading", time=_time(at, pack, lang), hub=hub)]
    shown = False
    for change in followed.changes:
        if change.at > at:
            break
        for cut in (c for c in followed.cut_offs if c.at == change.at):
            out.append("  " + t("network.timeline.cut_off", time=_time(cut.at, pack, lang), hub=hub,
                                agency=agency_label(pack, cut.agency, lang), why=_why(cut.reasons, lang)))
            shown = True
        for agency in change.reconnected:
            out.append("  " + t("network.timeline.back", time=_time(change.at, pack, lang),
                                agency=agency_label(pack, agency, lang)))
    if not shown:
        out.append(t("network.timeline.none", hub=hub, time=_time(at, pack, lang)))
    still = followed.unreachable_at(at)
    if still:
        out.append("  " + t("network.timeline.still_down", hub=hub, time=_time(at, pack, lang),
                            agencies=_listed([agency_label(pack, a, lang) for a in still], lang)))
    bites = [b for b in followed.bites.values() if b.lost_links or b.cut_off or b.contacts_broken]
    if bites:
        out.append("\n" + t("network.timeline.per_inject"))
    for bite in bites:
        out.append("  " + t("network.timeline.inject", inject=bite.inject,
                            time=_time(bite.at or 0, pack, lang), links=len(bite.lost_links),
                            cut=len({c.agency for c in bite.cut_off}),
                            contacts=len(bite.contacts_broken)))
        out.extend("    " + line for line in inject_bite_lines(pack, bite, lang, own_contacts=False))
    return out


def inject_bite_lines(pack: ScenarioPack, bite: InjectBite, lang: str, *, own_contacts: bool = True) -> list[str]:
    """Under one inject: whom its effects cut off, when and why; the planned links they cut;
    the expected contacts they break (or, `own_contacts`, the inject's own that cannot be made)."""
    t = translator(lang)
    out = [t("network.timeline.cut_off_line", time=_time(cut.at, pack, lang),
             agency=agency_label(pack, cut.agency, lang), why=_why(cut.reasons, lang))
           for cut in bite.cut_off]
    if bite.lost_links:
        links = [t("network.timeline.link", a=agency_label(pack, x.a, lang), b=agency_label(pack, x.b, lang),
                   time=_time(x.at, pack, lang)) for x in bite.lost_links]
        out.append(t("network.timeline.links_lost", links=_listed(links, lang)))
    contacts: list[ContactLost] = list(bite.contacts_broken)
    if own_contacts:
        contacts += [c for c in bite.contacts if c not in contacts]
    for contact in contacts[:MAX_SHOWN]:
        out.append(t("network.timeline.contact_lost", a=agency_label(pack, contact.a, lang),
                     b=agency_label(pack, contact.b, lang), inject=contact.inject,
                     time=_time(contact.at, pack, lang), why=_why(contact.reasons, lang)))
    return out


def tier_lines(pack: ScenarioPack, lang: str) -> list[str]:
    """Agencies by tier of government, the others, ownership, and links within and across tiers."""
    t = translator(lang)
    counts = tier_counts(pack)
    sep = "、" if lang == "zh-TW" else ", "

    def listed(prefix: str, items: tuple[tuple[str, int], ...]) -> str:
        return sep.join(t("network.tiers.count", name=t(f"{prefix}.{key}"), count=n) for key, n in items)

    out = [t("network.tiers.heading")]
    if counts.tiers:
        out.append("  " + t("network.tiers.government", counts=listed("level", counts.tiers)))
    if counts.other:
        out.append("  " + t("network.tiers.other", counts=listed("level", counts.other)))
    if counts.local:
        out.append("  " + t("network.tiers.local_note", count=counts.local))
    out.append("  " + t("network.tiers.ownership", counts=listed("ownership", counts.ownership)))
    out.append("  " + t("network.tiers.links", within=counts.links_within, between=counts.links_between))
    return out


def channel_lines(pack: ScenarioPack, lang: str) -> list[str]:
    """Each channel: what it depends on (or why nothing), its handsets' charging, congestion and
    terminals; then who is seated in which EOC."""
    t = translator(lang)
    sep = "、" if lang == "zh-TW" else ", "
    systems = {s.id: localize(s.name, lang) for s in pack.infrastructure}
    areas = {a.id: localize(a.name, lang) for a in pack.areas}
    holdings: dict[str, list[tuple[str, int]]] = {}
    for holding in pack.resources:
        if holding.quantity > 0:
            holdings.setdefault(holding.type, []).append((holding.agency, holding.quantity))
    resource_names = {r.id: localize(r.name, lang) for r in pack.resource_types}
    out = [t("network.channels.heading")]
    for channel in pack.channels:
        facts = []
        if channel.depends_on:
            facts.append(t("network.channels.depends",
                           systems=sep.join(systems.get(s, s) for s in channel.depends_on)))
        elif channel.independent_because is not None:
            facts.append(t("network.channels.nothing_because", why=localize(channel.independent_because, lang)))
        elif channel.kind.value == "in_person":
            facts.append(t("network.channels.nothing_in_person"))
        elif channel.charging is None and not channel.congestion:
            facts.append(t("network.channels.nothing_unsaid"))
        if channel.charging is not None:
            facts.append(t("network.channels.charging", system=systems.get(channel.charging.system, ""),
                           backup=duration(channel.charging.backup, lang)))
        for period in channel.congestion:
            where = (t("network.seats.in", area=areas.get(period.area, period.area)) if period.area
                     else t("network.seats.everywhere"))
            facts.append(t("network.channels.congestion", status=status_word(Status(period.status), lang),
                           where=where, start=_time(period.start, pack, lang),
                           end=_time(period.end, pack, lang)))
        if channel.terminals is not None:
            facts.extend(_terminal_facts(pack, channel.id, channel.terminals, holdings.get(channel.terminals, []),
                                         resource_names.get(channel.terminals, channel.terminals), lang))
        name = localize(channel.name, lang) if channel.name else channel.id
        out.append(f"  {name}: " + ("；" if lang == "zh-TW" else "; ").join(facts))
    seats: dict[str, list[str]] = {}
    for agency in pack.agencies:
        if agency.seated_in is not None:
            seats.setdefault(agency.seated_in, []).append(agency_label(pack, agency.id, lang))
    if seats:
        out.append("\n" + t("network.seats.heading"))
        out.extend("  " + t("network.seats.line", eoc=agency_label(pack, eoc, lang), agencies=sep.join(names))
                   for eoc, names in seats.items())
    return out


def _terminal_facts(pack: ScenarioPack, channel_id: str, resource: str, held: list[tuple[str, int]],
                    name: str, lang: str) -> list[str]:
    t = translator(lang)
    sep = "、" if lang == "zh-TW" else ", "
    if not held:
        return [t("network.channels.no_terminals", resource=name)]
    holders = {agency for agency, _ in held}
    facts = [t("network.channels.terminals", count=sum(q for _, q in held), resource=name,
               holders=sep.join(f"{agency_label(pack, a, lang)} {q}" for a, q in held))]
    lacking = [f"{agency_label(pack, link.from_, lang)} - {agency_label(pack, link.to, lang)}"
               for link in pack.links if channel_id in link.channels and not {link.from_, link.to} <= holders]
    if lacking:
        facts.append(t("network.channels.lacking", links=_listed(lacking, lang)))
    return facts
