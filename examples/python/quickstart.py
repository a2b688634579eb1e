#!/usr/bin/env python3
"""quickstart: a ticket's whole life — open, assign, start, resolve, confirm — and its audit trail,
kept in a SQLite file (the embedded default): `quickstart.py [database]`, by default
ticketflow-demo.db in the working directory.

The Python twin of examples/quickstart.cpp. Run with the built package on the path:
    PYTHONPATH=build/dev/python /usr/bin/python3 examples/python/quickstart.py
"""
import datetime as dt
import sys

import ticketflow as tf


def printer_jam():
    return tf.TicketDraft(
        customer=tf.Customer(id="cust-1001", name="华东精密制造有限公司", contact_person="王工",
                             phone="+86 138 0013 8000", tier=tf.CustomerTier.vip),
        product=tf.Product(model="LP-3200", serial_number="LP3200-000917"),
        channel=tf.Channel.phone,
        category="hardware_fault",
        title="打印机卡纸 / printer jams",
        description="Paper jams on every second page since the firmware update.",
        priority=tf.Priority.high)


def print_audit_trail(engine, ticket):
    print(f"audit trail of {ticket.number}:")
    for event in engine.audit_trail(ticket.id):
        at = event.at.isoformat().replace("+00:00", "Z")  # event.at is an aware datetime in UTC
        line = (f"  #{event.sequence} {at} {event.actor.id} "
                f"({event.actor.role}) {event.action}")
        for change in event.changes:
            line += f"  {change.field}: '{change.before}' -> '{change.after}'"
        if event.reason:
            line += f"  reason: {event.reason}"
        print(line)


def count_tickets(engine):
    count, query = 0, tf.TicketQuery(limit=1000)
    while True:
        page = engine.find(query)
        count += len(page.items)
        if page.next_after is None:
            return count
        query.after = page.next_after


def main(path):
    # Virtual time, so every run tells the same story: 2023-10-01 09:00 in Shanghai.
    shanghai = dt.timezone(dt.timedelta(hours=8))
    clock = tf.ManualClock(dt.datetime(2023, 10, 1, 9, 0, tzinfo=shanghai))
    config = tf.EngineConfig(time_zone=tf.TimeZone("Asia/Shanghai"))
    engine = tf.Engine(tf.SqliteStore(path), clock, config)
    print(f"{path} holds {count_tickets(engine)} tickets")

    customer = tf.Actor.customer("cust-1001")
    supervisor = tf.Actor.supervisor("lead-zhang")
    agent = tf.Actor.agent("eng-li")

    ticket = engine.open(printer_jam(), customer)
    print(f"opened {ticket.number} ({ticket.priority})")

    clock.advance(dt.timedelta(minutes=10))
    engine.assign(ticket.id, supervisor, "eng-li", "field-service")
    clock.advance(dt.timedelta(minutes=5))
    engine.start(ticket.id, agent)

    # A refused command raises, and changes nothing: customers may not resolve tickets.
    try:
        engine.resolve(ticket.id, customer, "works again")
    except tf.PermissionDenied as refused:
        print(f"refused: {refused}")

    clock.advance(dt.timedelta(hours=3))
    engine.resolve(ticket.id, agent, "Rolled back firmware to 2.3.1; fuser roller replaced.")
    clock.advance(dt.timedelta(hours=20))
    ticket = engine.confirm(ticket.id, customer, 5, "修好了，谢谢！")

    print(f"{ticket.number} is {ticket.state} with satisfaction {ticket.satisfaction.score}\n")
    print_audit_trail(engine, ticket)
    print(f"\n{path} holds {count_tickets(engine)} tickets")
    return 0 if ticket.state == tf.TicketState.closed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "ticketflow-demo.db"))
