"""Intake and commands validate everything they store: ids, texts, attachment URIs, dates and the
intake policy itself. Each refusal is a ValidationError naming the field, and stores nothing: no
ticket, no sequence number, no audit event."""
import copy
import datetime as dt

import pytest

import ticketflow as tf

UTC = dt.timezone.utc
# The year 10000 in UTC, though the local date still reads 9999.
YEAR_10000 = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


def customer_id(value):
    def spoil(draft):
        draft.customer = tf.Customer(id=value, name="华东精密制造有限公司")
    return spoil


def attachment_uri(uri):
    def spoil(draft):
        draft.attachments = [tf.Attachment(name="a.png", media_type="image/png", size_bytes=10,
                                           uri=uri)]
    return spoil


def setter(field, value):
    def spoil(draft):
        setattr(draft, field, value)
    return spoil


def product(**fields):
    def spoil(draft):
        draft.product = tf.Product(model="LP-3200", **fields)
    return spoil


@pytest.mark.parametrize("spoil, field", [
    (customer_id(""), "customer.id"),
    (customer_id("   "), "customer.id"),
    (customer_id("cust\0-1"), "customer.id"),
    (customer_id("c" * (10 * 1024 * 1024)), "customer.id"),
    (customer_id("客" * 129), "customer.id"),
    (setter("title", "打印机\n卡纸"), "title"),
    (setter("description", "\x1b[2J卡纸"), "description"),
    (setter("keywords", ["卡纸", "fw\t2.4"]), "keywords[1]"),
    (attachment_uri("javascript:alert(1)"), "attachments[0].uri"),
    (attachment_uri("file:///etc/passwd"), "attachments[0].uri"),
    (attachment_uri("https://example.com/a b.png"), "attachments[0].uri"),
    (product(purchase_date=dt.date(2023, 10, 3)), "product.purchase_date"),
    (product(purchase_date=dt.date(2023, 5, 1), warranty_end=dt.date(2023, 4, 30)),
     "product.warranty_end"),
    (setter("occurred_at", dt.datetime(2023, 10, 2, 0, 0, 1, tzinfo=UTC)), "occurred_at"),
    # Refused as it is converted, before a draft can hold it.
    (setter("occurred_at", YEAR_10000), "datetime"),
], ids=["empty id", "blank id", "id with NUL", "10 MB id", "129-character id",
        "title with line break", "description with escape", "keyword with tab",
        "javascript uri", "file uri", "uri with space", "purchase in the future",
        "warranty before purchase", "occurred more than a day ahead", "occurred in year 10000"])
def test_a_bad_draft_is_refused_naming_the_field_and_stores_nothing(engine, draft, customer,
                                                                     spoil, field):
    bad = copy.copy(draft)
    with pytest.raises(tf.ValidationError) as raised:
        spoil(bad)
        engine.open(bad, customer)
    assert raised.value.code == tf.ErrorCode.validation_failed
    assert raised.value.field == field
    assert raised.value.ticket is None
    assert engine.find(tf.TicketQuery()).items == []
    opened = engine.open(draft, customer)
    assert opened.number == "HT202310010001"
    assert len(engine.audit_trail(opened.id)) == 1


def test_a_document_with_an_occurred_at_in_the_year_10000_is_refused():
    document = make_document(occurred_at="9999-12-31T23:00:00-05:00")
    with pytest.raises(tf.ValidationError) as raised:
        tf.TicketDraft.from_dict(document)
    assert raised.value.field == "occurred_at"


def make_document(**fields):
    document = {"title": "卡纸", "description": "卡纸", "category": "other",
                "customer": {"id": "cust-1", "name": "华东"}}
    document.update(fields)
    return document


def test_multi_line_texts_keep_line_breaks_and_tabs(engine, draft, customer):
    draft.description = "第一行\n\t第二行\r\n第三行"
    assert engine.open(draft, customer).description == "第一行\n\t第二行\r\n第三行"


def test_occurred_at_may_lie_up_to_the_clock_skew_ahead(engine, clock, draft, customer):
    draft.occurred_at = clock.now() + dt.timedelta(days=1)
    assert engine.open(draft, customer).occurred_at == draft.occurred_at
    assert tf.IntakePolicy().max_clock_skew == dt.timedelta(days=1)


def test_the_policy_has_the_documented_limits_and_uri_schemes():
    policy = tf.IntakePolicy()
    assert (policy.max_title_chars, policy.max_text_chars) == (200, 20000)
    assert (policy.max_line_chars, policy.max_id_chars) == (256, 128)
    assert policy.attachments.allowed_uri_schemes == ["http", "https", "s3"]
    assert tf.AttachmentPolicy.default_uri_schemes() == ["http", "https", "s3"]
    assert policy.attachments.max_uri_chars == 2048
    policy.check()


def test_an_application_adds_its_own_uri_scheme(store, clock, draft, customer):
    schemes = tf.AttachmentPolicy(allowed_uri_schemes=["https", "minio"])
    policy = tf.IntakePolicy(attachments=schemes)
    engine = tf.Engine(store, clock, tf.EngineConfig(intake=policy))
    attachment_uri("minio://tickets/a.png")(draft)
    assert engine.open(draft, customer).attachments[0].uri == "minio://tickets/a.png"
    attachment_uri("s3://tickets/a.png")(draft)
    with pytest.raises(tf.ValidationError) as raised:
        engine.open(draft, customer)
    assert raised.value.field == "attachments[0].uri"


def test_an_empty_taxonomy_is_refused_naming_its_path(store, clock, draft, customer):
    policy = tf.IntakePolicy(taxonomy=tf.CategoryTaxonomy(categories=[]))
    with pytest.raises(tf.ValidationError) as raised:
        policy.check()
    assert raised.value.field == "taxonomy.categories"
    with pytest.raises(tf.ValidationError) as raised:
        tf.Engine(store, clock, tf.EngineConfig(intake=policy))
    assert raised.value.field == "intake.taxonomy.categories"
    assert store.find(tf.TicketQuery()).items == []


def attachments(**fields):
    def change(policy):
        policy.attachments = tf.AttachmentPolicy(**fields)
    return change


@pytest.mark.parametrize("change, field", [
    (attachments(allowed_uri_schemes=[]), "attachments.allowed_uri_schemes"),
    (attachments(allowed_uri_schemes=["https", "ht tp"]), "attachments.allowed_uri_schemes[1]"),
    (attachments(allowed_media_types=[]), "attachments.allowed_media_types"),
    (setter("max_id_chars", 0), "max_id_chars"),
    (setter("max_clock_skew", dt.timedelta(seconds=-1)), "max_clock_skew"),
])
def test_an_unusable_policy_is_refused_naming_its_path(change, field):
    policy = tf.IntakePolicy()
    change(policy)
    with pytest.raises(tf.ValidationError) as raised:
        policy.check()
    assert raised.value.field == field


def test_validate_takes_the_clock_time_the_draft_is_opened_at(draft):
    policy = tf.IntakePolicy()
    draft.product = tf.Product(purchase_date=dt.date(2024, 5, 2))
    policy.validate(draft, dt.datetime(2024, 5, 1, tzinfo=UTC))
    with pytest.raises(tf.ValidationError) as raised:
        policy.validate(draft, dt.datetime(2024, 4, 30, tzinfo=UTC))
    assert raised.value.field == "product.purchase_date"
