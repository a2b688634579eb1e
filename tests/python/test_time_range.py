"""The range of time (years 1-9999 in UTC): clocks and the engine refuse to leave it, so nothing
stored is ever unreadable."""
import datetime as dt

import pytest

import ticketflow as tf

from conftest import START, make_draft


def test_a_manual_clock_refuses_to_advance_past_the_year_9999_and_stays_put():
    clock = tf.ManualClock(START)
    with pytest.raises(tf.ValidationError) as raised:
        clock.advance(dt.timedelta(days=3_000_000))
    assert raised.value.field == "delta"
    assert clock.now() == START
    # Longer than the whole range of time: refused as it is converted.
    with pytest.raises(tf.ValidationError) as raised:
        clock.advance(dt.timedelta.max)
    assert raised.value.field == "timedelta"
    assert clock.now() == START
    with pytest.raises(tf.ValidationError):
        clock.advance(dt.timedelta.min)
    assert clock.now() == START


def test_a_manual_clock_moves_to_the_last_instant_and_no_further():
    clock = tf.ManualClock(START)
    last = dt.datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=dt.timezone.utc)
    clock.set(last)
    assert clock.now() == last
    with pytest.raises(tf.ValidationError):
        clock.advance(dt.timedelta(microseconds=1))
    assert clock.now() == last


class StrayClock(tf.Clock):
    """An application's own clock, which may stray outside the range of time."""

    def __init__(self, now):
        super().__init__()
        self.time = now

    def now(self):
        return self.time


def test_the_engine_refuses_a_command_while_its_clock_is_in_the_year_10000_utc():
    clock = StrayClock(START)
    engine = tf.Engine(tf.MemoryStore(), clock)
    customer = tf.Actor.customer("cust-1001")
    opened = engine.open(make_draft(), customer)
    # The year 9999 at UTC-5 is the year 10000 in UTC.
    clock.time = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(-dt.timedelta(hours=5)))
    with pytest.raises(tf.ValidationError):
        engine.add_note(opened.id, customer, "still jams")
    with pytest.raises(tf.ValidationError):
        engine.open(make_draft("second"), customer)
    clock.time = START
    assert engine.get(opened.id) == opened
    assert engine.open(make_draft("second"), customer).number == "HT202310010002"


def test_an_aware_datetime_past_the_range_in_utc_is_refused_as_it_is_converted():
    year_10000 = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(-dt.timedelta(hours=5)))
    with pytest.raises(tf.ValidationError) as raised:
        tf.ManualClock(year_10000)
    assert raised.value.field == "datetime"
    draft = make_draft()
    with pytest.raises(tf.ValidationError):
        draft.occurred_at = year_10000
    assert draft.occurred_at is None
