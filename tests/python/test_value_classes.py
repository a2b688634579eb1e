"""Value classes: keyword construction, a readable repr, equality, copies and pickling."""
import copy
import datetime as dt
import pickle

import pytest

import ticketflow as tf

# Every class whose fields ticketflow/__init__.py reads from `_fields`, with a non-default value.
VALUES = [
    tf.Customer(id="cust-1", name="华东", tier="vip", tags=["key-account"]),
    tf.Product(model="LP-3200", warranty_end=dt.date(2026, 3, 14)),
    tf.Attachment(name="卡纸.jpg", media_type="image/jpeg", size_bytes=10, uri="s3://x"),
    tf.Satisfaction(score=4, comment="不错"),
    tf.Actor.agent("eng-li"),
    tf.TicketDraft(title="卡纸", occurred_at=dt.datetime(2023, 9, 30, tzinfo=dt.timezone.utc)),
    tf.Ticket(id=42, number="HT202310010001", state="resolved", collaborators=["eng-wang"],
              satisfaction=tf.Satisfaction(score=5), version=4),
    tf.FieldChange(field="state", before="new", after="assigned"),
    tf.AuditEvent(ticket=42, sequence=2, action="assign", note="备注"),
    tf.ErrorInfo(code="not_found", message="gone", ticket=42),
    tf.TicketQuery(state="new", owner="eng-li", limit=10),
    tf.TicketPage(items=[tf.Ticket(id=1)], next_after=1, damaged=[2]),
    tf.DamagedRecord(ticket=2, kind="audit_event", row=3, what="its audit event 3 is unreadable"),
    tf.OutboxMessage(event=0, channel="email", recipient="li@example.com", payload="{}",
                     not_before=dt.datetime(2023, 10, 2, 1, 0, tzinfo=dt.timezone.utc)),
    tf.OutboxEntry(id=3, key="HT1/2/email/li", ticket=1, state="dead", attempts=5,
                   last_error="HTTP 503", lease_expires=dt.datetime(2023, 10, 2, tzinfo=dt.timezone.utc)),
    tf.OutboxLease(owner="relay-1", duration=dt.timedelta(seconds=45), limit=10),
    tf.OutboxAttempt(entry=3, owner="relay-1", outcome="retry", error="超时"),
    tf.OutboxQuery(state="pending", ticket=1, after=3, limit=20),
    tf.TicketCondition(priorities=["urgent"], regions=["east"], keywords=["卡纸"]),
    tf.dispatch.Agent(id="li", name="李工", teams=["field-service"], skills={"printer": 4},
                      tier="l2", capacity=8, absent=True),
    tf.dispatch.Team(id="field-service", name="现场服务组", tier="l2", escalates_to="rd"),
    tf.dispatch.Requirements(skills={"printer": 3}, languages=["zh"], region=True),
    tf.dispatch.RoutingRule(name="hardware", when=tf.TicketCondition(categories=["hardware_fault"]),
                            team="field-service", strategy="round_robin", add_tags=["onsite"]),
    tf.dispatch.Request(ticket=tf.Ticket(id=1), excluded=["li"], previous_agent="wang",
                        at_least_tier="l2"),
    tf.notify.Delivery(outcome="failed", error="HTTP 503"),
    tf.notify.RelayOptions(name="relay-2", batch=4, max_attempts=3, jitter=0.1,
                           first_retry=dt.timedelta(seconds=5)),
    tf.notify.PumpReport(delivered=3, retried=1, dead=1, lost_leases=0),
    tf.notify.WebhookOptions(url="https://hooks.example.com/t", timeout=dt.timedelta(seconds=3),
                             headers={"Authorization": "Bearer t"}, verify_tls=False,
                             ca_file="/etc/ssl/certs/ca.pem"),
    tf.notify.RenderedMessage(locale="zh-CN", subject="工单 HT1 已受理", body="您好"),
    tf.notify.Contact(name="王主管", addresses={"email": "wang@example.com"}, locale="zh-CN",
                      time_zone="Asia/Shanghai", calendar="office"),
    tf.notify.Recipient(audience="contact", contact="duty-manager"),
    tf.notify.NotificationRule(name="breaches", on=["sla_breach"], by=["system"],
                               metrics=["resolution"], to=[tf.notify.Recipient.parse("supervisor")],
                               template="sla_breach", when=tf.TicketCondition(tiers=["vip"])),
    tf.notify.SlaDue(policy="gold", resolution=dt.datetime(2024, 10, 21, 9, tzinfo=dt.timezone.utc)),
    tf.dispatch.Decision(team="field-service", agent="li", priority="high",
                         explanation="hardware → field-service"),
    tf.LifecycleCommand(event="reopen", reason="又坏了", approved_by=tf.Actor.supervisor("s")),
    tf.CategoryTaxonomy(categories=["hardware_fault", "其他"]),
    tf.AttachmentPolicy(max_count=3),
    tf.IntakePolicy(max_title_chars=80),
    tf.EngineConfig(number_format=tf.TicketNumberFormat("SN{yyyy}{seq:3}"),
                    time_zone=tf.TimeZone("Asia/Shanghai"),
                    sla_policies=tf.sla.PolicySet([tf.sla.Policy(name="gold")], [], "gold"),
                    calendars={"office": tf.sla.Calendar({"time_zone": "Asia/Shanghai", "week": {
                        "mon": [["09:00", "18:00"]]}})},
                    notifications=tf.notify.Rules.standard()),
    tf.SlaStatus(ticket=7, policy="gold", calendar="office", policy_pinned=True,
                 metrics=[tf.sla.MetricStatus(target=dt.timedelta(hours=4), running=True),
                          tf.sla.MetricStatus(), tf.sla.MetricStatus(cycles=1)],
                 next_deadline=dt.datetime(2024, 5, 6, 9, tzinfo=dt.timezone.utc)),
    tf.TickReport(now=dt.datetime(2024, 5, 6, 9, tzinfo=dt.timezone.utc), tickets_due=1,
                  events=[tf.AuditEvent(ticket=7, action="sla_breach",
                                        details={"metric": "resolution"})]),
    tf.sla.MetricStatus(target=dt.timedelta(hours=8), elapsed=dt.timedelta(hours=9),
                        remaining=dt.timedelta(hours=-1), breached_at=dt.datetime(
                            2024, 5, 6, 9, tzinfo=dt.timezone.utc)),
    tf.lifecycle.Input(role="supervisor", has_reason=True, satisfaction=5),
    tf.lifecycle.Rule(source="resolved", event="confirm", target="closed", roles=["customer"],
                      needs=["satisfaction"]),
    tf.lifecycle.Status(id="waiting_parts", state="waiting", labels={"zh": "等待备件"},
                        sla_pauses=["resolution"]),
    tf.lifecycle.AutoClose(waiting=dt.timedelta(days=5), calendar="office"),
    tf.lifecycle.Workflow(closure_codes=["solved", "no_response", "unconfirmed"],
                          auto_close=tf.lifecycle.AutoClose(resolved=dt.timedelta(days=3))),
    tf.sla.WarningThreshold(percent_of_target=75, before_due=dt.timedelta(minutes=15)),
    tf.sla.EscalationStep(after_breach=dt.timedelta(hours=2), action="reassign_to_team",
                          team="l2"),
    tf.sla.Rule(tiers=["vip"], customer_tags=["key-account"], policy="gold"),
    tf.sla.Policy(name="gold", calendar="shanghai-office"),
    tf.sla.Signal(metric="resolution", kind="breach",
                  at=dt.datetime(2024, 5, 6, 9, tzinfo=dt.timezone.utc)),
    tf.sla.MetricClock(target=dt.timedelta(hours=4), armed=True, cycles=2),
]
ids = [type(value).__name__ for value in VALUES]


def test_every_value_class_is_covered_here():
    listed = {type(value) for value in VALUES}
    assert listed == set(tf._value_classes())


@pytest.mark.parametrize("value", VALUES, ids=ids)
def test_a_value_differs_from_its_default_and_equals_itself(value):
    cls = type(value)
    assert value != cls()
    assert value == value and cls() == cls()


@pytest.mark.parametrize("value", VALUES, ids=ids)
def test_keyword_construction_from_every_field_rebuilds_an_equal_value(value):
    cls = type(value)
    assert cls(**{name: getattr(value, name) for name in cls._fields}) == value


@pytest.mark.parametrize("value", VALUES, ids=ids)
def test_repr_names_the_class_and_every_field(value):
    text = repr(value)
    assert text.startswith(type(value).__name__ + "(")
    for name in type(value)._fields:
        assert f"{name}=" in text


@pytest.mark.parametrize("value", VALUES, ids=ids)
def test_an_unknown_keyword_is_a_type_error_naming_the_fields(value):
    with pytest.raises(TypeError, match="no field 'colour'"):
        type(value)(colour="red")


@pytest.mark.parametrize("value", VALUES, ids=ids)
def test_copy_and_deepcopy_are_equal_and_independent(value):
    for clone in (copy.copy(value), copy.deepcopy(value)):
        assert clone == value and clone is not value


@pytest.mark.parametrize("value", VALUES, ids=ids)
def test_pickle_round_trips_to_an_equal_value(value):
    assert pickle.loads(pickle.dumps(value)) == value


@pytest.mark.parametrize("value", [
    tf.TimeZone("Asia/Shanghai"),
    tf.TimeZone.fixed(dt.timedelta(hours=8)),
    tf.TicketNumberFormat("SN{yyyy}{MM}{dd}{seq:3}"),
], ids=["zone", "fixed_offset", "number_format"])
def test_time_zones_and_number_formats_copy_and_pickle(value):
    assert copy.deepcopy(value) == value
    assert pickle.loads(pickle.dumps(value)) == value


def test_a_ticket_repr_shows_values_readably():
    text = repr(tf.Ticket(id=7, title="打印机卡纸", state="closed"))
    assert "id=7" in text and "title='打印机卡纸'" in text and "state=<TicketState.closed" in text


def test_a_ticket_lists_its_draft_fields_first():
    assert tf.Ticket._fields[:len(tf.TicketDraft._fields)] == tf.TicketDraft._fields
    assert {"id", "number", "state", "version"} <= set(tf.Ticket._fields)
    assert issubclass(tf.Ticket, tf.TicketDraft)


def test_a_wrongly_typed_keyword_is_a_type_error():
    with pytest.raises(TypeError):
        tf.Satisfaction(score="five")
    with pytest.raises(TypeError):
        tf.Ticket(id=-1)


def test_changing_a_copy_leaves_the_original_alone(draft):
    clone = copy.copy(draft)
    clone.title = "另一个"
    clone.customer.name = "别的公司"
    assert draft.title != "另一个" and draft.customer.name == "华东精密制造有限公司"


def test_nested_values_are_edited_in_place_but_lists_are_copies(draft):
    draft.customer.name = "新名字"  # a nested value is a view into its owner
    assert draft.customer.name == "新名字"
    draft.keywords.append("lost")  # a list is a copy: assign a whole new list instead
    assert "lost" not in draft.keywords
    draft.keywords = draft.keywords + ["kept"]
    assert draft.keywords[-1] == "kept"


def test_value_classes_are_not_hashable_because_they_are_mutable():
    with pytest.raises(TypeError):
        hash(tf.Customer())


def test_actor_factories_set_the_role():
    assert tf.Actor.customer("c") == tf.Actor(id="c", role=tf.Role.customer)
    assert tf.Actor.admin("root").role is tf.Role.admin
    assert tf.Actor.system() == tf.Actor(id="system", role="system")
