"""`to_dict()` / `from_dict()`: the C++ JSON conversion as plain Python objects, strict about known
fields (ValidationError naming the dotted path) and tolerant of unknown ones."""
import datetime as dt
import json
import re

import pytest

import ticketflow as tf

UTC = dt.timezone.utc


def ticket_document(source_dir):
    """The ticket document of docs/json.md, which the C++ tests read as well."""
    text = (source_dir / "docs" / "json.md").read_text(encoding="utf-8")
    block = re.search(r"## A ticket document.*?```json\n(.*?)```", text, re.S).group(1)
    return json.loads(block)


def test_a_ticket_round_trips_through_a_dict(engine, ticket_in):
    ticket = ticket_in("closed")
    document = ticket.to_dict()
    assert document["state"] == "closed" and document["version"] == ticket.version
    assert document["created_at"] == "2023-10-01T00:00:00Z"
    assert document["satisfaction"] == {"score": 4, "comment": "ok"}
    assert tf.Ticket.from_dict(document) == ticket
    assert json.loads(json.dumps(document)) == document  # plain JSON types only


@pytest.mark.parametrize("value", [
    tf.TicketDraft(title="打印机卡纸", occurred_at=dt.datetime(2023, 9, 30, 15, 15, 0, 500, tzinfo=UTC),
                   keywords=["卡纸"], attachments=[tf.Attachment(name="a.png", size_bytes=1)]),
    tf.Customer(id="cust-1", name="华东", tier=tf.CustomerTier.strategic, tags=["key-account"]),
    tf.Product(model="LP-3200", purchase_date=dt.date(2023, 3, 15)),
    tf.Attachment(name="jam.jpg", media_type="image/jpeg", size_bytes=482133, uri="s3://t/42"),
    tf.Satisfaction(score=5, comment="很好"),
    tf.Actor.supervisor("lead-zhang"),
    tf.FieldChange(field="state", before="new", after="assigned"),
    tf.AuditEvent(ticket=42, sequence=3, at=dt.datetime(2023, 10, 1, 2, 10, 30, 500000, tzinfo=UTC),
                  actor=tf.Actor.agent("eng-li"), action="resolve", note="修好",
                  changes=[tf.FieldChange(field="state", before="in_progress", after="resolved")],
                  visibility=tf.Visibility.customer),
    tf.ErrorInfo(code="invalid_transition", message="no", ticket=42, state="closed",
                 event="resolve"),
], ids=lambda value: type(value).__name__)
def test_each_json_value_class_round_trips_through_a_dict(value):
    document = value.to_dict()
    assert isinstance(document, dict)
    assert type(value).from_dict(document) == value


def test_the_ticket_document_of_the_json_guide_reads_as_a_ticket(source_dir):
    ticket = tf.Ticket.from_dict(ticket_document(source_dir))
    assert (ticket.id, ticket.number, ticket.state) == (42, "HT202310010001", "in_progress")
    assert ticket.customer.tier == tf.CustomerTier.vip
    assert ticket.product.warranty_end == dt.date(2026, 3, 14)
    assert ticket.occurred_at == dt.datetime(2023, 9, 30, 15, 15, tzinfo=UTC)
    assert ticket.updated_at.microsecond == 500000
    assert ticket.to_dict()["occurred_at"] == "2023-09-30T15:15:00Z"


def test_enums_and_times_are_written_as_their_names_and_utc_text():
    event = tf.AuditEvent(at=dt.datetime(2023, 10, 1, 8, 30, 0, 250000,
                                         tzinfo=dt.timezone(dt.timedelta(hours=8))),
                          visibility="customer", actor=tf.Actor.system())
    document = event.to_dict()
    assert document["at"] == "2023-10-01T00:30:00.250000Z"
    assert document["visibility"] == "customer"
    assert document["actor"] == {"id": "system", "role": "system"}


def test_missing_fields_take_defaults_and_unknown_fields_are_ignored():
    draft = tf.TicketDraft.from_dict({"title": "卡纸", "customer": {"name": "华东"},
                                      "from_a_newer_version": True})
    assert (draft.title, draft.customer.name) == ("卡纸", "华东")
    assert (draft.priority, draft.channel) == (tf.Priority.medium, tf.Channel.web)


@pytest.mark.parametrize("cls, document, field", [
    (tf.TicketDraft, {"customer": {"tier": "gold"}}, "customer.tier"),
    (tf.TicketDraft, {"attachments": [{}, {"size_bytes": "big"}]}, "attachments[1].size_bytes"),
    (tf.TicketDraft, {"keywords": ["a", 3]}, "keywords[1]"),
    (tf.TicketDraft, {"occurred_at": "2023-10-01T08:30:00"}, "occurred_at"),
    (tf.Product, {"purchase_date": "2023-02-29"}, "purchase_date"),
    (tf.Ticket, {"id": -1}, "id"),
    (tf.Ticket, [1, 2], ""),
    (tf.Customer, {"tier": "gold"}, "tier"),
])
def test_a_bad_field_is_a_validation_error_naming_its_path(cls, document, field):
    with pytest.raises(tf.ValidationError) as raised:
        cls.from_dict(document)
    assert raised.value.field == field
    assert raised.value.code == tf.ErrorCode.validation_failed


def test_the_validation_message_says_what_was_expected():
    with pytest.raises(tf.ValidationError, match="expected one of: standard, vip, strategic"):
        tf.TicketDraft.from_dict({"customer": {"tier": "gold"}})


def test_from_dict_is_a_classmethod_on_every_json_value_class():
    for cls in (tf.Ticket, tf.TicketDraft, tf.AuditEvent, tf.Customer, tf.Product, tf.Attachment,
                tf.Satisfaction, tf.Actor, tf.FieldChange, tf.ErrorInfo):
        assert isinstance(cls.from_dict({}), cls), cls.__name__
