"""Order an agency's visits of one evening into a route. Pure code: no Django models.

Each stop is a party to visit for `duration`, starting inside its window
[`earliest`, `latest`] (the latest allowed *start*). Accepted visits have a fixed
window (their scheduled start); requested ones the window the organizer asked for.
Travel between stops is the straight-line distance at an average speed.

The heuristic, in order:
1. Up to EXACT_LIMIT stops: try every order and keep the best, so small evenings
   (the usual case for one unit) get the optimal route.
2. More stops: greedy "nearest feasible neighbour" — from the current stop, go to
   the stop that can be started soonest (arrival or window opening), ties broken by
   shorter travel — followed by 2-opt: reverse any segment of the route while that
   keeps every window and shortens the total travel.
"Best" means: fewest stops that miss their window, then the least travel, then
the earliest finish. Travel times are rounded up to the whole minute.
"""

import datetime
import itertools
from dataclasses import dataclass

from .geo import miles_between, travel_minutes

EXACT_LIMIT = 7


@dataclass(frozen=True)
class Stop:
    key: object
    latitude: float
    longitude: float
    earliest: datetime.datetime
    latest: datetime.datetime
    duration: datetime.timedelta


@dataclass(frozen=True)
class PlannedStop:
    stop: Stop
    arrival: datetime.datetime
    start: datetime.datetime
    end: datetime.datetime
    miles_from_previous: float
    late: bool  # cannot start inside its window


@dataclass(frozen=True)
class Route:
    stops: list[PlannedStop]

    @property
    def miles(self) -> float:
        return sum(planned.miles_from_previous for planned in self.stops)

    @property
    def late_count(self) -> int:
        return sum(planned.late for planned in self.stops)

    @property
    def finish(self):
        return self.stops[-1].end if self.stops else None

    def cost(self):
        return (self.late_count, round(self.miles, 6), self.finish)


def _distance(a: Stop, b: Stop) -> float:
    return miles_between(a.latitude, a.longitude, b.latitude, b.longitude)


def _travel(miles: float, speed_mph: float) -> datetime.timedelta:
    """Travel time, rounded up to the whole minute so that suggested times are times a
    liaison can type in. It is rounded to the second first: float noise in a distance
    must not turn 12 minutes into 13."""
    seconds = round(travel_minutes(miles, speed_mph) * 60)
    return datetime.timedelta(minutes=-(-seconds // 60))


def schedule(order: list[Stop], speed_mph: float) -> Route:
    """Times for visiting `order` in that order, as early as each window allows."""
    planned = []
    clock = None
    previous = None
    for stop in order:
        miles = _distance(previous, stop) if previous else 0.0
        arrival = stop.earliest if clock is None else clock + _travel(miles, speed_mph)
        start = max(arrival, stop.earliest)
        late = start > stop.latest
        end = start + stop.duration
        planned.append(PlannedStop(stop, arrival, start, end, miles, late))
        clock, previous = end, stop
    return Route(planned)


def _greedy(stops: list[Stop], speed_mph: float) -> list[Stop]:
    remaining = sorted(stops, key=lambda s: (s.earliest, s.latest))
    order = [remaining.pop(0)]
    clock = order[0].earliest + order[0].duration
    while remaining:

        def soonest(stop, here=order[-1], now=clock):
            miles = _distance(here, stop)
            arrival = now + _travel(miles, speed_mph)
            start = max(arrival, stop.earliest)
            return (start > stop.latest, start, miles)

        best = min(remaining, key=soonest)
        remaining.remove(best)
        _late, start, _miles = soonest(best)
        order.append(best)
        clock = start + best.duration
    return order


def _two_opt(order: list[Stop], speed_mph: float) -> list[Stop]:
    best, best_cost = order, schedule(order, speed_mph).cost()
    improved = True
    while improved:
        improved = False
        for i in range(len(best) - 1):
            for j in range(i + 2, len(best) + 1):
                candidate = best[:i] + best[i:j][::-1] + best[j:]
                cost = schedule(candidate, speed_mph).cost()
                if cost < best_cost:
                    best, best_cost, improved = candidate, cost, True
    return best


def plan_route(stops: list[Stop], speed_mph: float) -> Route:
    """The suggested order and times for `stops` (see the module docstring)."""
    if not stops:
        return Route([])
    if len(stops) <= EXACT_LIMIT:
        orders = itertools.permutations(stops)
        return min((schedule(list(order), speed_mph) for order in orders), key=Route.cost)
    return schedule(_two_opt(_greedy(stops, speed_mph), speed_mph), speed_mph)
