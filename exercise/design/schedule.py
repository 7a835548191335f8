"""When each inject of a pack falls due if play follows the design: its own time, or later when
it waits on other injects (`after`). Injects that wait on a decision, on silence (`no_contact`,
`no_ack`) or are contingencies are branches: they may never be released."""

from __future__ import annotations

from exercise.scenario.models import AfterInject, Inject, ScenarioPack


def is_branch(inject: Inject) -> bool:
    return inject.contingency or any(not isinstance(c, AfterInject) for c in inject.conditions)


def release_times(pack: ScenarioPack) -> dict[str, int]:
    """Scenario minute at which each inject falls due (branches included, at their own time or
    after what they wait on); cycles cannot occur in a valid pack."""
    injects = {inject.id: inject for inject in pack.injects}
    found: dict[str, int] = {}
    for start in injects:
        stack = [start]
        while stack:
            current = stack[-1]
            if current in found:
                stack.pop()
                continue
            inject = injects[current]
            waits = [c for c in inject.conditions if isinstance(c, AfterInject) and c.after in injects]
            missing = [c.after for c in waits if c.after not in found and c.after not in stack]
            if missing:
                stack.extend(missing)
                continue
            found[current] = max([inject.time, *(found.get(c.after, 0) + c.delay for c in waits)])
            stack.pop()
    return found


def baseline_injects(pack: ScenarioPack) -> list[tuple[int, Inject]]:
    """(release minute, inject) of every inject that is not a branch, in release order."""
    times = release_times(pack)
    chosen = [(times[i.id], i) for i in pack.injects if not is_branch(i)]
    return sorted(chosen, key=lambda pair: pair[0])
