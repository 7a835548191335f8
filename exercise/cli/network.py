"""`exercise network`: the contact graph of a pack under a given world state, in the terminal."""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import networkx as nx

from exercise.network.cascade import Arrival, Cascade, warning_cascade
from exercise.network.dot import render_dot
from exercise.network.exchange import (
    NetworkImportError,
    export_graph,
    read_contacts_csv,
    read_csv_network,
    read_graphml,
)
from exercise.network.montecarlo import delivery_probability
from exercise.network.findings import fragility_findings, hub_of
from exercise.network.graph import agency_label, planned_graph, status_graph, usable_graph
from exercise.network.metrics import NetworkMetrics, network_metrics
from exercise.network.observed import Contact, compare_with_plan
from exercise.network.reference import CITATION, load_reference, reference_names
from exercise.network.relay import RelayTime, relay_times
from exercise.network.whatif import most_damaging
from exercise.network.world import UnknownItem, WorldState
from exercise.scenario.models import AgencyEffect, InfrastructureEffect, ScenarioPack, Status
from exercise.scenario.timecode import TimeNotationError, format_time, parse_time


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "network",
        help="contact-graph metrics, single points of failure and the warning cascade",
        description=(
            "Show the contact graph of PACK: metrics of the planned and usable graphs, single "
            "points of failure, links that are down and why, and the warning cascade from a "
            "source. Failures given with --down take effect at T+00:00; --at is the moment looked at."
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
    parser.add_argument("--lang", default="en", choices=["en", "zh-TW"])
    parser.set_defaults(handler=_network)


def _network(args: argparse.Namespace) -> int:
    from exercise.cli import UserError
    from exercise.cli.pack import load_or_explain

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
        raise UserError("name a scenario pack, or a reference network with --reference NAME")
    if args.export and not args.output:
        raise UserError("--export needs -o FILE")
    pack = load_or_explain(args.pack).pack
    assert pack is not None
    try:
        at = parse_time(args.at)
    except TimeNotationError as exc:
        raise UserError(f"--at: {exc}") from None
    world = _world(pack, args, UserError)
    contacts = _read_contacts(args.observed) if args.observed else None
    delivery = _delivery_question(pack, args) if args.delivery else None
    plan = planned_graph(pack, args.lang)
    status = status_graph(world, at, args.lang, planned=plan)
    usable = usable_graph(status)
    if args.export:
        Path(args.output).write_bytes(export_graph(status, args.export))
        print(f"wrote {args.output}")
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
        raise UserError("the pack has no agencies")
    relay = relay_times(pack)
    try:
        cascade = warning_cascade(world, source, at, args.lang)
        relayed = warning_cascade(world, source, at, args.lang,
                                  relay={a: r.minutes for a, r in relay.items()})
    except UnknownItem as exc:
        raise UserError(f"--source: {exc}") from None
    _print_state(pack, world, status, at, args.lang)
    _print_metrics(pack, network_metrics(plan), network_metrics(usable), args.lang)
    _print_cascade(pack, cascade, relayed, args.lang)
    _print_relay(pack, relay, args.lang)
    findings = fragility_findings(pack, args.lang, world, at, hub=source if source in plan else None)
    if findings:
        print("\nWhere the plan is fragile")
        for finding in findings:
            print(f"  - {finding.text}")
    if contacts is not None:
        _print_observed(pack, contacts, args.lang)
    if delivery is not None:
        _print_delivery(world, at, *delivery, args)
    if args.what_if:
        print(f"\nMost damaging single failures (from {source}, judged 6 h later)")
        for rank, result in enumerate(most_damaging(world, at, source, lang=args.lang), start=1):
            unreachable, pairs, minutes, lost = result.damage
            print(f"  {rank:2}. {result.label}: {unreachable} cut off from the source, "
                  f"{pairs} pairs cut off, +{minutes:g} min in the cascade, {lost} lose a route")
    if args.reference:
        print()
        _show_reference(reference, args)
    return 0


def _read_contacts(path: str) -> list[Contact]:
    from exercise.cli import UserError

    try:
        return read_contacts_csv(Path(path).read_bytes(), path)
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    except NetworkImportError as exc:
        raise UserError(str(exc)) from None


def _print_observed(pack: ScenarioPack, contacts: list[Contact], lang: str) -> None:
    comparison = compare_with_plan(pack, contacts)

    def pair(a: str, b: str) -> str:
        return f"{agency_label(pack, a, lang) if a in plan_nodes else a} -> " \
               f"{agency_label(pack, b, lang) if b in plan_nodes else b}"

    plan_nodes = {a.id for a in pack.agencies}
    print(f"\nPlanned versus observed ({len(contacts)} contacts)")
    print(f"  coverage of the contact plan: {comparison.coverage:.0%} "
          f"({len(comparison.used)} of {len(pack.links)} links)")
    for title, pairs in (("planned links never used", comparison.planned_unused),
                         ("emergent links (not in the plan)", comparison.emergent)):
        print(f"  {title}: {len(pairs)}")
        for a, b in pairs:
            print(f"    {pair(a, b)}")
    met = [e for e in comparison.expected if e.made]
    print(f"  injects whose expected contacts were all made: "
          f"{sum(1 for e in comparison.expected if not e.missing)} of {len(comparison.expected)}"
          f" (some made: {len(met)})")
    for coordinator in comparison.emergent_coordinators():
        print(f"  emerged as a coordinator: {agency_label(pack, coordinator.agency, lang)} "
              f"(betweenness {coordinator.planned_betweenness:.2f} planned, "
              f"{coordinator.observed_betweenness:.2f} observed)")
    for piece in comparison.slices:
        print(f"  module {piece.module}: {piece.contacts} contacts on {piece.links} links")


def _world(pack: ScenarioPack, args: argparse.Namespace, error: type[Exception]) -> WorldState:
    world = WorldState.initial(pack)
    try:
        for status, values in ((Status.down, args.down), (Status.degraded, args.degraded)):
            for value in values:
                system, _, area = value.partition("@")
                effect = InfrastructureEffect(system=system, area=area or None, status=status)
                world = world.apply(effect, 0, source="command line", lang=args.lang)
        for agency in args.down_agency:
            world = world.apply(AgencyEffect(agency=agency, status=Status.down), 0, "command line", args.lang)
    except (UnknownItem, ValueError) as exc:
        raise error(str(exc).splitlines()[0]) from None
    return world


def _print_state(pack: ScenarioPack, world: WorldState, status: nx.DiGraph, at: int, lang: str) -> None:
    print(f"{pack.metadata.id} at {format_time(at)}")
    for text in dict.fromkeys(health.summary() for _, _, health in world.not_up(at)):
        print(f"  {text}")  # an effect on a county shows once, not once per area below it
    down = [(a, b, d) for a, b, d in status.edges(data=True) if not d["usable"]]
    if down:
        print(f"\nLinks down ({len(down)} of {status.number_of_edges()})")
        for a, b, data in down:
            why = data["reasons"][0].text if data["reasons"] else ""
            print(f"  {agency_label(pack, a, lang)} -> {agency_label(pack, b, lang)}: {why}")


def _row(label: str, *values: object) -> str:
    return f"  {label:<28}" + "".join(f"{value!s:>12}" for value in values)


def _print_metrics(
    pack: ScenarioPack | None, plan: NetworkMetrics, now: NetworkMetrics | None, lang: str,
    labels: dict[str, str] | None = None,
) -> None:
    print("\nMetrics" + (" " * 29 + "planned      usable" if now else ""))
    for label, field in (("agencies", "agencies"), ("directed links", "links"), ("density", "density"),
                         ("reciprocity", "reciprocity"), ("transitivity", "transitivity"),
                         ("degree centralisation", "degree_centralization"),
                         ("betweenness centralisation", "betweenness_centralization"),
                         ("weak components", "weak_components"), ("diameter (hops)", "diameter")):
        values = [getattr(m, field) for m in (plan, now) if m is not None]
        print(_row(label, *[f"{v:.3f}" if isinstance(v, float) else v for v in values]))
    now = now or plan
    if now.betweenness_sampled:
        print("  (betweenness sampled: large graph)")

    def name(node: str) -> str:
        return agency_label(pack, node, lang) if pack else (labels or {}).get(node, str(node))

    brokers = ", ".join(f"{name(n)} {b:.2f}" for n, b in now.brokers())
    print(f"\nBrokers (betweenness): {brokers or 'none'}")
    points = ", ".join(name(n) for n in now.articulation_points) or "none"
    print(f"Single points of failure (agencies): {points}")
    bridges = ", ".join(f"{name(a)} - {name(b)}" for a, b in now.bridges) or "none"
    print(f"Single points of failure (links): {bridges}")


def _print_cascade(pack: ScenarioPack, cascade: Cascade, relayed: Cascade, lang: str) -> None:
    print(f"\nWarning cascade from {cascade.source} at {format_time(cascade.start)}: channel latency "
          "only, then with every hand-off's decide-and-relay time")
    print(f"  {'agency':<34}{'knows at':>10}{'after':>9}{'relayed':>10}{'after':>9}  route")
    agencies = {a.id for a in pack.agencies}

    def route_of(arrival: Arrival) -> str:
        return " -> ".join(
            f"{agency_label(pack, hop, lang) if hop in agencies else hop}" + (f" [{channel}]" if channel else "")
            for hop, channel in zip(arrival.route[1:], arrival.channels)
        )

    def when(found: Cascade, agency_id: str) -> str:
        arrival = found.arrivals.get(agency_id)
        if arrival is None:
            return f"{'never':>10}{'':>9}"
        return f"{format_time(math.ceil(arrival.time)):>10}{arrival.time - found.start:>7g} m"

    for arrival in sorted(cascade.arrivals.values(), key=lambda a: (a.time, a.agency)):
        route = route_of(arrival)
        print(f"  {agency_label(pack, arrival.agency, lang):<34}{when(cascade, arrival.agency)}"
              f"{when(relayed, arrival.agency)}  {route or '(source)'}")
        other = relayed.arrivals.get(arrival.agency)
        if other is not None and other.route != arrival.route:
            print(f"  {'':<34}{'':>38}  relayed: {route_of(other)}")
    for agency_id, why in cascade.unreachable.items():
        print(f"  {agency_label(pack, agency_id, lang):<34}{when(cascade, agency_id)}{when(relayed, agency_id)}")
        for reason in why[:4]:
            print(f"      {reason}")
    last = [max((a.time for a in c.arrivals.values()), default=c.start) - c.start for c in (cascade, relayed)]
    print(f"  everyone it reaches knows within {last[0]:g} min on channel latency alone, "
          f"{last[1]:g} min with decide-and-relay times")


RELAY_BASIS = {"pack": "set by the pack", "sector": "default for the sector ({key})",
               "level": "default for the level ({key})", "default": "general default"}


def _print_relay(pack: ScenarioPack, relay: dict[str, RelayTime], lang: str) -> None:
    """Decide-and-relay times grouped by where each comes from."""
    groups: dict[tuple[float, str, str], list[str]] = {}
    for agency_id, time in relay.items():
        groups.setdefault((time.minutes, time.basis, time.key), []).append(agency_label(pack, agency_id, lang))
    print("\nDecide-and-relay times (exercise/network/relay_times.yaml gives the defaults and their "
          "sources; an agency's relay_minutes overrides)")
    for (minutes, basis, key), names in sorted(groups.items(), key=lambda g: (g[0][0], g[0][1], g[0][2])):
        shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        print(f"  {minutes:>4g} min, {RELAY_BASIS[basis].format(key=key)}: {shown}")


def _read_network(args: argparse.Namespace) -> nx.DiGraph:
    from exercise.cli import UserError

    try:
        if args.graphml:
            graph = read_graphml(Path(args.graphml).read_bytes(), args.graphml)
            name = args.graphml
        elif args.nodes and args.edges:
            graph = read_csv_network(Path(args.nodes).read_bytes(), Path(args.edges).read_bytes(),
                                     args.nodes, args.edges)
            name = f"{args.nodes} + {args.edges}"
        else:
            raise UserError("give both --nodes NODES.csv and --edges EDGES.csv (or --graphml FILE)")
    except OSError as exc:
        raise UserError(f"cannot read {exc.filename}: {exc.strerror or exc}") from None
    except NetworkImportError as exc:
        raise UserError(str(exc)) from None
    graph.graph.setdefault("title", name)
    graph.graph.setdefault("name", name)
    return graph


def _delivery_question(pack: ScenarioPack, args: argparse.Namespace) -> tuple[str, str, int]:
    """FROM, TO and the deadline of --delivery, checked before anything is printed."""
    from exercise.cli import UserError

    source, _, target = (part.strip() for part in args.delivery.partition(":"))
    known = {a.id for a in pack.agencies} | {a.id for a in pack.actors}
    for end in (source, target):
        if end not in known:
            raise UserError(f"--delivery: {end!r} is not an agency of the pack; write FROM:TO "
                            "with agency ids")
    try:
        deadline = parse_time(args.deadline)
    except TimeNotationError as exc:
        raise UserError(f"--deadline: {exc}") from None
    if deadline <= 0 or not 0 < args.trials <= 1_000_000:
        raise UserError("--deadline must be after the start and --trials from 1 to 1,000,000")
    return source, target, deadline


def _print_delivery(world: WorldState, at: int, source: str, target: str, deadline: int,
                    args: argparse.Namespace) -> None:
    def progress(done: int, total: int) -> None:
        print(f"\r  Monte Carlo: {done:,} of {total:,} trials", end="", file=sys.stderr, flush=True)

    estimate = delivery_probability(world, source, target, deadline, at, trials=args.trials,
                                    seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print(f"\nDelivery from {source} to {target} within {deadline} min of {format_time(at)}: "
          f"{estimate.probability:.1%} (95 % interval {estimate.low:.1%}–{estimate.high:.1%}; "
          f"{estimate.trials:,} trials, seed {estimate.seed})")


def _show_reference(graph: nx.DiGraph, args: argparse.Namespace) -> int:
    metrics = network_metrics(graph)
    title, name = graph.graph.get("title", ""), graph.graph.get("name", "")
    print(title if title == name or not name else f"{title} ({name})")
    labels = {str(n): str(d.get("label", n)) for n, d in graph.nodes(data=True)}
    _print_metrics(None, metrics, None, args.lang, labels)
    if args.reference and not (args.graphml or args.nodes):
        print(f"\nSource: {CITATION}")
    if args.export:
        if not args.output:
            from exercise.cli import UserError

            raise UserError("--export needs -o FILE")
        Path(args.output).write_bytes(export_graph(graph, args.export))
        print(f"wrote {args.output}")
    return 0
