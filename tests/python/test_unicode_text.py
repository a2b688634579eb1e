"""Chinese (and other non-ASCII) text goes in and comes back unchanged everywhere: the draft, every
command's text, the audit trail, JSON; limits count characters, not bytes."""
import json

import pytest

import ticketflow as tf

TITLE = "打印机卡纸 🖨️ — 第二页必卡"


def test_chinese_draft_fields_come_back_on_the_ticket(engine, draft, customer):
    draft.title = TITLE
    draft.environment = "华东二号车间，Windows 11 专业版"
    draft.steps_tried = "重启、清洁搓纸轮"
    ticket = engine.open(draft, customer)
    stored = engine.get(ticket.id)
    assert stored.title == TITLE
    assert stored.description == draft.description
    assert stored.customer.name == "华东精密制造有限公司"
    assert stored.customer.contact_person == "王工"
    assert (stored.environment, stored.steps_tried) == (draft.environment, draft.steps_tried)
    assert stored.keywords == ["卡纸", "firmware"]


def test_chinese_command_texts_come_back_in_ticket_and_audit_trail(engine, ticket_in, customer,
                                                                   owner, supervisor):
    ticket = ticket_in("waiting")
    engine.customer_replied(ticket.id, customer, "固件版本 2.4.0")
    engine.add_note(ticket.id, owner, "已远程检查日志 ✅")
    engine.reassign(ticket.id, supervisor, "工程师-王", "李工休假")
    engine.resolve(ticket.id, tf.Actor.agent("工程师-王"), "回滚固件到 2.3.1，更换定影辊。")
    closed = engine.confirm(ticket.id, customer, 5, "修好了，谢谢！👍")

    assert closed.owner == "工程师-王"
    assert closed.solution == "回滚固件到 2.3.1，更换定影辊。"
    assert closed.satisfaction.comment == "修好了，谢谢！👍"
    trail = engine.audit_trail(ticket.id)
    texts = [(e.action, e.note, e.reason) for e in trail[-5:]]
    assert texts == [("customer_replied", "固件版本 2.4.0", ""),
                     ("add_note", "已远程检查日志 ✅", ""),
                     ("reassign", "", "李工休假"),
                     ("resolve", "回滚固件到 2.3.1，更换定影辊。", ""),
                     ("confirm", "", "")]
    assert trail[-3].actor.id == "lead-zhang"
    assert tf.FieldChange(field="owner", before="eng-li", after="工程师-王") in trail[-3].changes


def test_chinese_text_survives_json(engine, opened):
    document = opened.to_dict()
    assert document["customer"]["name"] == "华东精密制造有限公司"
    assert "华东精密制造有限公司" in json.dumps(document, ensure_ascii=False)
    assert tf.Ticket.from_dict(document) == opened


@pytest.mark.parametrize("length, accepted", [(200, True), (201, False)])
def test_the_title_limit_counts_characters_not_utf8_bytes(engine, draft, customer, length,
                                                         accepted):
    draft.title = "卡" * length  # 3 bytes each in UTF-8
    if accepted:
        assert engine.open(draft, customer).title == "卡" * length
    else:
        with pytest.raises(tf.ValidationError) as raised:
            engine.open(draft, customer)
        assert raised.value.field == "title"


def test_a_lone_surrogate_cannot_be_passed_as_text():
    with pytest.raises(TypeError):
        tf.TicketDraft(title="\ud800")


def test_error_messages_quote_chinese_input_intact(engine, draft, customer):
    draft.category = "打印机故障"
    with pytest.raises(tf.ValidationError) as raised:
        engine.open(draft, customer)
    assert raised.value.field == "category"
    assert "打印机故障" in str(raised.value)
