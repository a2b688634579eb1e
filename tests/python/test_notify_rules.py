"""Notification rules from Python: the documents' defaults, rules read from a dict with errors by
path, a contact directory written in Python, and an engine that writes its notifications into the
outbox with each change — held for quiet hours, delivered at Monday's opening by the relay."""
import datetime as dt
import json

import pytest

import ticketflow as tf
from conftest import make_draft
from test_calendar import OFFICE

N = tf.notify
SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def shanghai(*args):
    return dt.datetime(*args, tzinfo=SHANGHAI)


def outbox(store, ticket=None):
    return store.outbox(tf.OutboxQuery(ticket=ticket, limit=1000))


def template_of(entry):
    return json.loads(entry.payload)["template"]


def configured(rules=None, contacts=None):
    rules = rules or N.Rules.standard()
    rules.set_contact("supervisor", N.Contact(name="王主管", addresses={"email": "wang@example.com"}))
    rules.set_contact("agent:eng-li", N.Contact(name="李工", addresses={"email": "li@example.com"},
                                                locale="en", time_zone="Europe/Berlin"))
    rules.set_contact("customer:cust-1001", N.Contact(calendar="office"))
    policy = tf.sla.Policy.standard()
    policy.calendar = "office"
    return tf.EngineConfig(sla_policies=tf.sla.PolicySet([policy], [], "standard"),
                           calendars={"office": tf.sla.Calendar(OFFICE)},
                           notifications=rules, contacts=contacts)


def test_standard_rules_name_shipped_templates():
    rules = N.Rules.standard()
    assert rules.rules, "the documents' defaults are not empty"
    for rule in rules.rules:
        assert rule.template in rules.templates.names()
    assert "sla_breach" in N.known_actions()


def test_rules_read_from_a_dict_and_errors_name_the_path():
    rules = N.Rules.from_dict({
        "rules": [{"name": "ack by sms", "on": ["open"], "to": ["customer", "contact:duty"],
                   "channel": "sms", "template": "acknowledgement"}],
        "contacts": {"duty": {"name": "值班经理", "addresses": {"sms": "+86 138 0000 0000"}}}})
    assert rules.rules[0].to[1] == N.Recipient(audience=N.Audience.contact, contact="duty")
    assert N.Rules.from_dict(rules.to_dict()) == rules
    with pytest.raises(tf.ValidationError) as raised:
        N.Rules.from_dict({"rules": [{"on": ["opened"], "to": ["customer"],
                                      "template": "acknowledgement"}]})
    assert raised.value.field == "rules[0].on[0]"
    with pytest.raises(tf.ValidationError) as raised:
        N.Rules.from_dict({"rules": [{"on": ["sla_breach"], "to": ["supervisor"],
                                      "template": "sla_breach", "quiet_hours": True}]})
    assert raised.value.field == "rules[0].quiet_hours"


def test_the_documented_rules_file_loads(source_dir):
    text = (source_dir / "examples" / "notifications" / "rules.json").read_text(encoding="utf-8")
    rules = N.Rules.from_dict(text)
    assert [r.name for r in rules.rules][0] == "acknowledge by SMS"
    assert rules.templates.variables["desk_phone"] == "400-800-1234"
    assert rules.calendars() == ["office"]


def test_an_engine_queues_its_notifications_with_each_change(store):
    clock = tf.ManualClock(shanghai(2024, 10, 18, 10, 0))
    engine = tf.Engine(store, clock, configured())
    ticket = engine.open(make_draft(), tf.Actor.customer("cust-1001"))
    engine.assign(ticket.id, tf.Actor.supervisor("lead"), "eng-li")
    with pytest.raises(tf.Error):  # refused: queues nothing
        engine.resolve(ticket.id, tf.Actor.customer("cust-1001"), "works")
    entries = outbox(store, ticket.id)
    assert [template_of(e) for e in entries] == ["acknowledgement", "assignment"]
    assert entries[0].key == f"{ticket.number}/1/email/service@example.com"
    ack = json.loads(entries[0].payload)
    assert ticket.number in ack["subject"] and ack["locale"] == "zh-CN"
    assignment = json.loads(entries[1].payload)
    assert assignment["locale"] == "en" and entries[1].recipient == "li@example.com"
    assert "UTC+02:00" in assignment["body"]  # Berlin's summer time


def test_a_saturday_night_resolution_is_delivered_at_monday_opening(store):
    clock = tf.ManualClock(shanghai(2024, 10, 18, 10, 0))
    engine = tf.Engine(store, clock, configured())
    ticket = engine.open(make_draft(), tf.Actor.customer("cust-1001"))
    engine.assign(ticket.id, tf.Actor.supervisor("lead"), "eng-li")
    engine.start(ticket.id, tf.Actor.agent("eng-li"))
    clock.set(shanghai(2024, 10, 19, 22, 30))
    engine.tick()
    engine.resolve(ticket.id, tf.Actor.agent("eng-li"), "更换定影器")

    seen = []

    class Mailer(N.Notifier):
        def deliver(self, entry):
            seen.append((template_of(entry), clock.now()))
            return N.Delivery()

    relay = N.Relay(store, clock)
    relay.add_notifier("email", Mailer())
    relay.pump()
    assert [t for t, _ in seen] == ["acknowledgement", "assignment"]
    clock.set(shanghai(2024, 10, 21, 8, 59))
    relay.pump()
    assert "resolution_confirmation" not in [t for t, _ in seen]
    clock.set(shanghai(2024, 10, 21, 9, 0))
    relay.pump()
    assert [w for t, w in seen if t == "resolution_confirmation"] == [shanghai(2024, 10, 21, 9, 0)]


def test_a_python_contact_directory_is_asked_first(store):
    class Crm(N.ContactDirectory):
        def __init__(self):
            super().__init__()
            self.asked = []

        def find(self, key):
            self.asked.append(key)
            if key == "customer:cust-1001":
                return N.Contact(name="Mr Wang", addresses={"email": "crm@example.com"},
                                 locale="en")
            return None

    crm = Crm()
    clock = tf.ManualClock(shanghai(2024, 10, 18, 10, 0))
    engine = tf.Engine(store, clock, configured(contacts=crm))
    ticket = engine.open(make_draft(), tf.Actor.customer("cust-1001"))
    [entry] = outbox(store, ticket.id)
    assert entry.recipient == "crm@example.com"
    assert json.loads(entry.payload)["recipient"]["name"] == "Mr Wang"
    assert "customer:cust-1001" in crm.asked


def test_the_composer_is_usable_on_its_own():
    composer = N.Composer(N.Rules.standard(), default_zone=tf.TimeZone.locate("Asia/Shanghai"))
    ticket = tf.Ticket(**{name: getattr(make_draft(), name) for name in tf.TicketDraft._fields},
                       number="HT202410180001")
    opened = tf.AuditEvent(at=shanghai(2024, 10, 18, 10, 0), actor=tf.Actor.customer("cust-1001"),
                           action="open")
    due = N.SlaDue(first_response=shanghai(2024, 10, 18, 11, 0))
    [message] = composer.compose(ticket, [opened], due)
    assert message.recipient == "service@example.com" and message.event == 0
    body = json.loads(message.payload)["body"]
    assert "2024-10-18 11:00 UTC+08:00" in body


@pytest.mark.parametrize("rule, field", [
    ({"on": ["dispatch"], "changed": ["assignee"], "to": ["owner"], "template": "assignment"},
     "rules[0].changed[0]"),
    ({"on": ["open"], "to": ["customer"], "template": "welcome"}, "rules[0].template"),
    ({"on": ["open"], "to": [], "template": "acknowledgement"}, "rules[0].to"),
    ({"on": ["sla_breach"], "metrics": ["ttfb"], "to": ["owner"], "template": "sla_breach"},
     "rules[0].metrics[0]"),
])
def test_values_that_would_keep_a_rule_from_firing_are_refused(rule, field):
    with pytest.raises(tf.ValidationError) as raised:
        N.Rules.from_dict({"rules": [rule]})
    assert raised.value.code is tf.ErrorCode.validation_failed
    assert raised.value.field == field
