"""A ticket's SLA clocks from Python: pausing keeps time, signals come once, in business time."""
import datetime as dt

import ticketflow as tf
from ticketflow import sla

MONDAY_9 = dt.datetime(2024, 5, 6, 9, 0, tzinfo=dt.timezone.utc)
WALL = sla.AroundTheClock()


class HalfSpeed(sla.BusinessTime):
    """A business-time rule written in Python: every wall hour counts as half an hour."""

    def add(self, start, duration):
        return start + 2 * duration

    def elapsed(self, start, end):
        return max(end - start, dt.timedelta(0)) / 2


def opened(priority=tf.Priority.medium):
    return tf.Ticket(title="扫码枪失灵", priority=priority, state=tf.TicketState.new)


def test_waiting_for_the_customer_pauses_resolution_and_keeps_its_time():
    clocks = sla.TicketClocks.start(sla.Policy.standard(), opened(), MONDAY_9, WALL)
    clocks.on_state(tf.TicketState.waiting, MONDAY_9 + dt.timedelta(hours=1), WALL)
    paused = clocks.status(sla.Metric.resolution, MONDAY_9 + dt.timedelta(hours=9), WALL)
    assert paused.paused and paused.due is None
    assert paused.elapsed == dt.timedelta(hours=1)
    clocks.on_state(tf.TicketState.in_progress, MONDAY_9 + dt.timedelta(hours=9), WALL)
    resumed = clocks.status("resolution", MONDAY_9 + dt.timedelta(hours=10), WALL)
    assert resumed.elapsed == dt.timedelta(hours=2)
    assert resumed.due == MONDAY_9 + dt.timedelta(hours=9 + 71)


def test_signals_come_once_and_in_order():
    clocks = sla.TicketClocks.start(sla.Policy.standard(), opened(tf.Priority.urgent), MONDAY_9,
                                    WALL)
    due = clocks.signals_due(MONDAY_9 + dt.timedelta(minutes=20), WALL)
    assert [(s.metric, s.kind) for s in due] == [
        (sla.Metric.first_response, sla.SignalKind.warning),
        (sla.Metric.first_response, sla.SignalKind.breach),
        (sla.Metric.first_response, sla.SignalKind.escalation),
    ]
    assert due[1].at == MONDAY_9 + dt.timedelta(minutes=15)
    assert due[2].step.action is sla.EscalationAction.notify_supervisor
    assert clocks.signals_due(MONDAY_9 + dt.timedelta(minutes=20), WALL) == []


def test_a_business_time_written_in_python_drives_the_deadlines():
    clocks = sla.TicketClocks.start(sla.Policy.standard(), opened(tf.Priority.high), MONDAY_9,
                                    HalfSpeed())
    # 80 % of a one-hour first response is 48 business minutes: 96 wall minutes at half speed.
    assert clocks.next_deadline(HalfSpeed()) == MONDAY_9 + dt.timedelta(minutes=96)
    status = clocks.status(sla.Metric.first_response, MONDAY_9 + dt.timedelta(hours=1), HalfSpeed())
    assert status.elapsed == dt.timedelta(minutes=30)
    assert status.remaining == dt.timedelta(minutes=30)


def test_retargeting_after_a_priority_change_keeps_the_time_spent():
    policy = sla.Policy.standard()
    clocks = sla.TicketClocks.start(policy, opened(tf.Priority.low), MONDAY_9, WALL)
    clocks.retarget(policy, tf.Priority.high, MONDAY_9 + dt.timedelta(minutes=30), WALL)
    status = clocks.status(sla.Metric.first_response, MONDAY_9 + dt.timedelta(minutes=30), WALL)
    assert status.target == dt.timedelta(hours=1)
    assert status.elapsed == dt.timedelta(minutes=30)
    assert clocks.clock(sla.Metric.first_response).armed
