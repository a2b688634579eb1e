"""Times cross as timezone-aware datetimes: any zone in, the same instant in UTC out, to the
microsecond. Naive datetimes are refused with ValueError, because they name no instant."""
import datetime as dt
import zoneinfo

import pytest

import ticketflow as tf

UTC = dt.timezone.utc


@pytest.mark.parametrize("given", [
    dt.datetime(2023, 10, 1, 17, 30, 5, 123456, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai")),
    dt.datetime(2023, 10, 1, 5, 30, 5, 123456, tzinfo=zoneinfo.ZoneInfo("America/New_York")),
    dt.datetime(2023, 10, 1, 9, 30, 5, 123456, tzinfo=UTC),
    dt.datetime(2023, 10, 1, 4, 0, 5, 123456,
                tzinfo=dt.timezone(dt.timedelta(hours=-5, minutes=-30))),
], ids=["shanghai", "new_york", "utc", "minus_0530"])
def test_an_aware_datetime_comes_back_as_the_same_instant_in_utc(given):
    draft = tf.TicketDraft(occurred_at=given)
    back = draft.occurred_at
    assert back == given
    assert back.tzinfo is UTC
    assert back == dt.datetime(2023, 10, 1, 9, 30, 5, 123456, tzinfo=UTC)


@pytest.mark.parametrize("given", [
    dt.datetime(2100, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    dt.datetime(1969, 7, 20, 20, 17, 40, 1, tzinfo=UTC),
    dt.datetime(1970, 1, 1, tzinfo=UTC),
    dt.datetime(2038, 1, 19, 3, 14, 8, tzinfo=UTC),
], ids=["year_2100", "before_1970", "epoch", "after_2038"])
def test_far_and_early_instants_keep_every_microsecond(given):
    assert tf.TicketDraft(occurred_at=given).occurred_at == given


def test_a_manual_clock_in_another_zone_stamps_tickets_in_utc(store, draft, customer):
    start = dt.datetime(2024, 5, 1, 8, 0, 0, 250000, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
    engine = tf.Engine(store, tf.ManualClock(start))
    ticket = engine.open(draft, customer)
    assert ticket.created_at == dt.datetime(2024, 5, 1, 0, 0, 0, 250000, tzinfo=UTC)
    assert ticket.created_at.tzinfo is UTC


def test_the_manual_clock_moves_by_timedelta_and_jumps_to_a_time(clock):
    clock.advance(dt.timedelta(days=1, microseconds=7))
    assert clock.now() == dt.datetime(2023, 10, 2, 0, 0, 0, 7, tzinfo=UTC)
    clock.set(dt.datetime(2100, 1, 1, tzinfo=UTC))
    assert clock.now() == dt.datetime(2100, 1, 1, tzinfo=UTC)


def test_a_ticket_opened_in_2100_carries_that_date_in_its_number(store, draft, customer):
    engine = tf.Engine(store, tf.ManualClock(dt.datetime(2100, 2, 28, 23, 0, tzinfo=UTC)))
    assert engine.open(draft, customer).number == "HT210002280001"


@pytest.mark.parametrize("use", [
    lambda naive: tf.TicketDraft(occurred_at=naive),
    lambda naive: tf.ManualClock(naive),
    lambda naive: tf.ManualClock(dt.datetime(2024, 1, 1, tzinfo=UTC)).set(naive),
    lambda naive: tf.TimeZone("Asia/Shanghai").to_local(naive),
], ids=["field", "clock", "clock_set", "to_local"])
def test_a_naive_datetime_is_refused_with_value_error(use):
    with pytest.raises(ValueError, match="naive datetime"):
        use(dt.datetime(2024, 5, 1, 9, 0))


def test_a_refused_naive_datetime_leaves_the_field_unchanged():
    draft = tf.TicketDraft()
    with pytest.raises(ValueError):
        draft.occurred_at = dt.datetime(2024, 5, 1, 9, 0)
    assert draft.occurred_at is None


def test_something_that_is_not_a_datetime_is_a_type_error():
    with pytest.raises(TypeError):
        tf.TicketDraft(occurred_at="2024-05-01T09:00:00Z")


def test_optional_times_accept_none(engine, opened):
    draft = tf.TicketDraft(occurred_at=dt.datetime(2024, 5, 1, tzinfo=UTC))
    draft.occurred_at = None
    assert draft.occurred_at is None
    assert opened.closed_at is None


def test_dates_cross_as_datetime_date():
    product = tf.Product(purchase_date=dt.date(2022, 2, 28), warranty_end=dt.date(2025, 2, 28))
    assert product.purchase_date == dt.date(2022, 2, 28)
    assert type(product.warranty_end) is dt.date


@pytest.mark.parametrize("offset", [dt.timedelta.max, dt.timedelta.min, dt.timedelta(hours=15),
                                    dt.timedelta(hours=-13), dt.timedelta(days=1)])
def test_a_fixed_zone_outside_minus_12_to_plus_14_hours_is_refused(offset):
    # timedelta.max once wrapped through 64 bits and printed as '-1620477880:09'.
    with pytest.raises(tf.ValidationError) as refused:
        tf.TimeZone.fixed(offset)
    assert refused.value.code is tf.ErrorCode.validation_failed
    assert refused.value.field == "time_zone"


def test_a_fixed_zone_takes_the_ends_of_the_range_and_whole_minutes_only():
    assert tf.TimeZone.fixed(dt.timedelta(hours=14)).name == "+14:00"
    assert tf.TimeZone.fixed(dt.timedelta(hours=-12)).name == "-12:00"
    with pytest.raises(tf.ValidationError) as refused:
        tf.TimeZone.fixed(dt.timedelta(hours=5, seconds=30))
    assert refused.value.field == "time_zone"


@pytest.mark.parametrize("name", ["+14:01", "-12:30", "XST-20", "XST24"])
def test_offsets_outside_the_range_are_refused_by_name(name):
    with pytest.raises(tf.ValidationError) as refused:
        tf.TimeZone(name)
    assert refused.value.field == "time_zone"
