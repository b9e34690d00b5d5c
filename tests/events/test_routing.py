"""The route suggestion (events/routing.py): hand-made evenings whose best order is known.

Stops lie on the equator, `miles` east of longitude 0, so that the distance between two
stops is the difference of their `miles`. At 30 mph a mile takes exactly 2 minutes.
"""

import datetime
import itertools
import math

from events.geo import EARTH_RADIUS_MILES
from events.routing import EXACT_LIMIT, Route, Stop, plan_route

SPEED_MPH = 30
SEVEN_PM = datetime.datetime(2027, 8, 3, 0, 0, tzinfo=datetime.UTC)  # 7 pm in Chicago
DEGREES_PER_MILE = 180 / (math.pi * EARTH_RADIUS_MILES)


def minutes(value):
    return SEVEN_PM + datetime.timedelta(minutes=value)


def stop(key, miles, *, earliest=0, latest=240, duration=20):
    """A party `miles` east, to start between `earliest` and `latest` minutes after 7 pm."""
    return Stop(
        key=key,
        latitude=0.0,
        longitude=miles * DEGREES_PER_MILE,
        earliest=minutes(earliest),
        latest=minutes(latest),
        duration=datetime.timedelta(minutes=duration),
    )


def fixed(key, miles, *, at, duration=20):
    """An accepted visit: its start is fixed."""
    return stop(key, miles, earliest=at, latest=at, duration=duration)


def keys(route):
    return [planned.stop.key for planned in route.stops]


def starts(route):
    return [planned.start for planned in route.stops]


def test_plan_route_no_stops_is_an_empty_route():
    route = plan_route([], SPEED_MPH)

    assert route == Route([])
    assert route.miles == 0
    assert route.late_count == 0
    assert route.finish is None


def test_plan_route_one_stop_starts_when_its_window_opens():
    route = plan_route([stop("A", 3, earliest=30, latest=60)], SPEED_MPH)

    assert keys(route) == ["A"]
    assert starts(route) == [minutes(30)]
    assert route.finish == minutes(50)
    assert route.miles == 0.0
    assert route.late_count == 0


def test_plan_route_stops_on_a_line_are_visited_from_one_end_to_the_other():
    # D opens 10 minutes later than the others, so starting from A finishes first.
    stops = [stop("C", 2), stop("A", 0), stop("D", 3, earliest=10), stop("B", 1)]

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == ["A", "B", "C", "D"]
    assert round(route.miles, 6) == 3.0
    assert starts(route) == [minutes(0), minutes(22), minutes(44), minutes(66)]
    assert [round(planned.miles_from_previous, 6) for planned in route.stops] == [0, 1, 1, 1]
    assert route.late_count == 0
    assert route.finish == minutes(86)


def test_plan_route_windows_force_an_order_that_is_not_the_nearest():
    # B is the nearest to A, but C must start by 7:30 and B cannot start before 8.
    stops = [
        stop("A", 0, earliest=0, latest=0),
        stop("B", 1, earliest=60),
        stop("C", 5, latest=30),
    ]

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == ["A", "C", "B"]
    assert starts(route) == [minutes(0), minutes(30), minutes(60)]
    assert [planned.arrival for planned in route.stops] == [minutes(0), minutes(30), minutes(58)]
    assert round(route.miles, 6) == 9.0
    assert route.late_count == 0


def test_plan_route_keeps_a_fixed_accepted_stop_in_the_middle():
    # The accepted visit F is fixed at 8 pm; Q's window opens at 8:30.
    stops = [stop("Q", 4, earliest=90), fixed("F", 2, at=60), stop("P", 0)]

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == ["P", "F", "Q"]
    assert starts(route) == [minutes(0), minutes(60), minutes(90)]
    assert route.stops[1].end == minutes(80)
    assert round(route.miles, 6) == 4.0
    assert route.late_count == 0


def test_plan_route_infeasible_window_is_reported_as_late():
    # B is fixed 5 minutes after A ends, 10 miles (20 minutes) away.
    stops = [fixed("B", 10, at=25), fixed("A", 0, at=0)]

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == ["A", "B"]
    assert [planned.late for planned in route.stops] == [False, True]
    assert route.stops[1].arrival == minutes(40)
    assert route.stops[1].start == minutes(40)
    assert route.late_count == 1


def test_plan_route_arrivals_are_rounded_up_to_the_whole_minute():
    # 1.1 miles take 2.2 minutes; 1 mile exactly 2, whatever the float noise.
    stops = [stop("A", 0), stop("B", 1.1), stop("C", 2.1), stop("D", 3.1, earliest=10)]

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == ["A", "B", "C", "D"]
    assert [planned.arrival for planned in route.stops] == [
        minutes(0),
        minutes(23),
        minutes(45),
        minutes(67),
    ]


def test_plan_route_order_of_the_input_does_not_matter():
    stops = [stop("A", 0), stop("B", 1), stop("C", 2), stop("D", 3, earliest=10)]

    routes = [plan_route(list(order), SPEED_MPH) for order in itertools.permutations(stops)]

    assert {tuple(keys(route)) for route in routes} == {("A", "B", "C", "D")}


def shuffled(stops, order):
    return [stops[index] for index in order]


def line_of(count):
    """`count` stops a mile apart; the last opens 1 minute after the others, so the
    best route runs from west to east."""
    return [stop(f"S{mile}", mile, earliest=1 if mile == count - 1 else 0) for mile in range(count)]


def test_plan_route_exact_search_at_the_limit_finds_the_line():
    stops = shuffled(line_of(EXACT_LIMIT), [3, 6, 0, 5, 1, 4, 2])

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == [f"S{mile}" for mile in range(EXACT_LIMIT)]
    assert round(route.miles, 6) == EXACT_LIMIT - 1


def test_plan_route_beyond_the_limit_greedy_and_two_opt_find_the_known_optimum():
    # The middle stop opens first, so the greedy start is in the middle: going west
    # first, then back east, is 4 miles too long; 2-opt must reverse the western leg.
    stops = line_of(10)
    middle = stops[4]
    stops = [stop(middle.key, 4, earliest=-1), *stops[:4], *stops[5:]]

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == [f"S{mile}" for mile in range(10)]
    assert round(route.miles, 6) == 9.0
    assert route.late_count == 0


def test_plan_route_beyond_the_limit_a_window_forces_the_direction():
    # The eastern end must be visited first, at 7 pm sharp: east to west is best.
    stops = line_of(9)
    stops[-1] = fixed("S8", 8, at=0)

    route = plan_route(shuffled(stops, [4, 0, 8, 2, 6, 1, 7, 3, 5]), SPEED_MPH)

    assert keys(route) == [f"S{mile}" for mile in reversed(range(9))]
    assert round(route.miles, 6) == 8.0
    assert route.late_count == 0
    assert starts(route)[:3] == [minutes(0), minutes(22), minutes(44)]


def test_plan_route_beyond_the_limit_reports_an_unreachable_window_as_late():
    # "far" is fixed at 7:30, 100 miles from the others: visiting it first would make
    # the others late, so it is the one reported late, at the end.
    stops = [fixed("far", 100, at=30), *line_of(8)]

    route = plan_route(stops, SPEED_MPH)

    assert keys(route) == [*(f"S{mile}" for mile in range(8)), "far"]
    assert route.late_count == 1
    assert [planned.stop.key for planned in route.stops if planned.late] == ["far"]
