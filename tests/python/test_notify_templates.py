"""Message templates from Python: placeholders checked when parsed (ValidationError naming the field
and quoting the placeholder), rendered with fallbacks and times in the recipient's zone; template
sets read from and written to dicts, locales chosen by fallback; the shipped set complete in zh-CN
and en."""
import copy
import datetime as dt
import json
import pickle

import pytest

import ticketflow as tf

N = tf.notify
UTC = dt.timezone.utc
DUE = dt.datetime(2023, 10, 2, 1, 0, tzinfo=UTC)
STANDARD_NAMES = ["acknowledgement", "assignment", "closure", "information_request",
                  "progress_update", "reopened", "resolution_confirmation", "sla_breach",
                  "sla_escalation", "sla_warning"]


def render(text, **values):
    context = N.TemplateContext()
    for name, value in values.items():
        context.set(name.replace("__", "."), value)
    return N.Template.parse(text).render(context)


def small_set():
    return N.TemplateSet.from_json({
        "default_locale": "zh-CN",
        "variables": {"desk_phone": "400-800-1234"},
        "templates": {"acknowledgement": {
            "zh-CN": {"subject": "工单 {{ticket.number}} 已受理", "body": "请致电 {{vars.desk_phone}}。"},
            "en": {"subject": "Ticket {{ticket.number}} received", "body": "Call {{vars.desk_phone}}."},
        }}})


# --- templates ---------------------------------------------------------------------------------

def test_placeholders_render_their_values_fallbacks_or_nothing():
    assert render("Ticket {{ ticket.number }}: {{ticket.title}}", ticket__number="HT1",
                  ticket__title="Printer jams") == "Ticket HT1: Printer jams"
    assert render("Owner: {{  ticket.owner |  unassigned  }}") == "Owner: unassigned"
    assert render("Owner: {{ticket.owner | unassigned}}", ticket__owner="li") == "Owner: li"
    assert render("Team: {{ticket.team}}.") == "Team: ."
    assert render("a }} b") == "a }} b"


def test_values_are_inserted_verbatim():
    assert render("[{{ticket.title}}]", ticket__title='"<b>&</b>"\n{{ticket.number}}') == \
        '["<b>&</b>"\n{{ticket.number}}]'


def test_chinese_text_round_trips_untouched():
    text = "尊敬的{{recipient.name | 客户}}：工单「{{ticket.number}}」已受理。"
    template = N.Template.parse(text)
    assert template.text == text
    assert template.placeholders() == ["recipient.name", "ticket.number"]
    assert render(text, recipient__name="王工", ticket__number="HT202310010001") == \
        "尊敬的王工：工单「HT202310010001」已受理。"


def test_an_unknown_placeholder_raises_validation_error_naming_the_field():
    with pytest.raises(tf.ValidationError) as raised:
        N.Template.parse("工单 {{ticket.numbr}} 已受理", field="ack.subject")
    assert raised.value.field == "ack.subject"
    assert raised.value.code == tf.ErrorCode.validation_failed
    assert "unknown placeholder {{ticket.numbr}}" in raised.value.message


@pytest.mark.parametrize("text, quoted", [
    ("工单 {{ticket.number 已受理", "unclosed placeholder {{ticket.number 已受理"),
    ("{{ticket.number {{ticket.title}}", "unclosed placeholder {{ticket.number "),
    ("{{ }}", "empty placeholder {{ }}"),
    ("{{ | fallback }}", "empty placeholder {{ | fallback }}"),
    ("{{Ticket.Number}}", "malformed placeholder {{Ticket.Number}}"),
    ("{{ticket..number}}", "malformed placeholder {{ticket..number}}"),
    ("{{.ticket}}", "malformed placeholder {{.ticket}}"),
    ("{{ticket.}}", "malformed placeholder {{ticket.}}"),
])
def test_every_malformed_placeholder_is_refused_and_quoted(text, quoted):
    with pytest.raises(tf.ValidationError) as raised:
        N.Template.parse(text, field="body")
    assert raised.value.field == "body"
    assert quoted in raised.value.message


def test_known_names_come_from_a_function_or_a_collection():
    assert N.Template.parse("{{shop.name}}", lambda name: name == "shop.name").placeholders() == [
        "shop.name"]
    assert N.Template.parse("{{shop.name}}", {"shop.name"}).text == "{{shop.name}}"
    with pytest.raises(tf.ValidationError, match=r"unknown placeholder \{\{ticket.number\}\}"):
        N.Template.parse("{{ticket.number}}", ["shop.name"])


def test_templates_compare_and_copy():
    template = N.Template.parse("{{ticket.number}}")
    assert template == N.Template.parse("{{ticket.number}}")
    assert copy.deepcopy(template) == template
    assert repr(template) == "Template('{{ticket.number}}')"


def test_the_standard_placeholders_are_listed():
    names = N.standard_placeholders()
    assert len(names) == 38
    assert names[0] == "ticket.number" and "sla.first_response.due" in names
    assert N.is_standard_placeholder("event.crossed_at")
    assert not N.is_standard_placeholder("vars.desk_phone")


# --- times -------------------------------------------------------------------------------------

def test_times_are_written_in_the_zone_with_its_offset():
    assert N.format_local_time(DUE, tf.TimeZone("Asia/Shanghai")) == "2023-10-02 09:00 UTC+08:00"
    assert N.format_local_time(DUE, tf.TimeZone.utc()) == "2023-10-02 01:00 UTC"
    assert N.format_local_time(DUE, tf.TimeZone("CST-8")) == "2023-10-02 09:00 UTC+08:00"
    new_york = tf.TimeZone("EST5EDT,M3.2.0,M11.1.0")
    assert N.format_local_time(dt.datetime(2024, 1, 15, 17, 45, tzinfo=UTC), new_york) == \
        "2024-01-15 12:45 UTC-05:00"


def test_berlin_is_an_hour_further_ahead_in_summer():
    berlin = tf.TimeZone("Europe/Berlin")
    assert N.format_local_time(dt.datetime(2024, 7, 1, 10, tzinfo=UTC), berlin) == \
        "2024-07-01 12:00 UTC+02:00"
    assert N.format_local_time(dt.datetime(2024, 1, 15, 10, tzinfo=UTC), berlin) == \
        "2024-01-15 11:00 UTC+01:00"


def test_a_context_writes_datetimes_in_its_zone():
    context = N.TemplateContext(tf.TimeZone("Asia/Shanghai"))
    context.set("sla.first_response.due", DUE.astimezone(dt.timezone(dt.timedelta(hours=-5))))
    context.set("ticket.number", "HT1")
    context.set("ticket.closed_at", None)
    assert context.text("sla.first_response.due") == "2023-10-02 09:00 UTC+08:00"
    assert context.text("ticket.closed_at") is None
    assert context.names == ["sla.first_response.due", "ticket.number"]
    assert context.zone == tf.TimeZone("Asia/Shanghai")
    assert N.TemplateContext().zone == tf.TimeZone.utc()
    with pytest.raises(ValueError, match="naive"):
        context.set("event.at", dt.datetime(2023, 10, 2, 9, 0))


# --- template sets -----------------------------------------------------------------------------

def test_a_set_round_trips_through_dicts_json_text_and_pickle():
    templates = small_set()
    document = templates.to_json()
    assert document["variables"] == {"desk_phone": "400-800-1234"}
    assert sorted(document["templates"]["acknowledgement"]) == ["en", "zh-CN"]
    assert N.TemplateSet.from_json(document) == templates
    assert N.TemplateSet.from_json(json.dumps(document, ensure_ascii=False)) == templates
    assert pickle.loads(pickle.dumps(templates)) == templates
    assert copy.copy(templates) == templates
    standard = N.TemplateSet.standard()
    assert N.TemplateSet.from_json(standard.to_json()) == standard


def test_a_template_may_use_a_variable_declared_after_it():
    templates = N.TemplateSet.from_json(
        '{"templates": {"ack": {"en": {"subject": "Hi", "body": "Call {{vars.hotline}}"}}},'
        ' "variables": {"hotline": "110"}}')
    assert templates.render("ack", "en", N.TemplateContext()).body == "Call 110"


def test_an_unknown_top_level_member_is_refused_by_name():
    with pytest.raises(tf.ValidationError) as raised:
        N.TemplateSet.from_json({"defualt_locale": "en"})
    assert raised.value.field == "defualt_locale"
    assert "unknown member" in raised.value.message


def test_an_unknown_variable_is_refused_naming_the_json_path():
    with pytest.raises(tf.ValidationError) as raised:
        N.TemplateSet.from_json({"templates": {"acknowledgement": {"en": {
            "subject": "Ticket {{ticket.number}}", "body": "Call {{vars.hotline}}"}}}})
    assert raised.value.field == "templates.acknowledgement.en.body"
    assert "unknown placeholder {{vars.hotline}}" in raised.value.message


@pytest.mark.parametrize("document, field", [
    ({"default_locale": "zh_CN"}, "default_locale"),
    ({"variables": {"Desk": "x"}}, "variables.Desk"),
    ({"templates": {"ack": {"zh_CN": {"subject": "s", "body": "b"}}}}, "templates.ack.zh_CN"),
    ({"templates": {"ack": {"en": {"body": "b"}}}}, "templates.ack.en.subject"),
    ({"templates": {"ack": {"en": {"subject": 1, "body": "b"}}}}, "templates.ack.en.subject"),
    ("{not json", ""),
])
def test_every_problem_names_its_path(document, field):
    with pytest.raises(tf.ValidationError) as raised:
        N.TemplateSet.from_json(document)
    assert raised.value.field == field


def test_adding_checks_texts_locales_and_variables():
    templates = N.TemplateSet()
    with pytest.raises(tf.ValidationError) as raised:
        templates.add("ack", "en", "fine", "{{vars.desk_phone}}")
    assert raised.value.field == "templates.ack.en.body"
    with pytest.raises(tf.ValidationError) as raised:
        templates.add("ack", "english", "s", "b")
    assert raised.value.field == "templates.ack.english"
    with pytest.raises(tf.ValidationError):
        templates.set_variable("desk.phone", "400")
    templates.set_variable("desk_phone", "400")
    templates.add("ack", "en", "fine", "{{vars.desk_phone}}")
    assert "ack" in templates and "other" not in templates
    assert templates.variables == {"desk_phone": "400"}
    assert templates.names() == ["ack"] and templates.locales("ack") == ["en"]
    with pytest.raises(tf.ValidationError):
        templates.set_default_locale("zh_CN")
    templates.set_default_locale("en-GB")
    assert templates.default_locale == "en-GB"


def test_the_locale_falls_back_to_the_language_then_the_default_then_the_first():
    templates = N.TemplateSet()
    for tag in ("zh-CN", "en", "en-US"):
        templates.add("ack", tag, "s", "b")
    templates.add("only_de", "de", "s", "b")
    assert templates.choose_locale("ack", "en-US") == "en-US"
    assert templates.choose_locale("ack", "en-GB") == "en"
    assert templates.choose_locale("ack", "zh-TW") == "zh-CN"
    assert templates.choose_locale("ack", "ja") == "zh-CN"
    assert templates.choose_locale("ack", None) == "zh-CN"
    assert templates.choose_locale("only_de", "fr") == "de"
    assert templates.choose_locale("nothing", "en") is None


def test_rendering_uses_the_chosen_locale_and_the_variables():
    context = N.TemplateContext()
    context.set("ticket.number", "HT202310010001")
    message = small_set().render("acknowledgement", "en-GB", context)
    assert message == N.RenderedMessage(locale="en", subject="Ticket HT202310010001 received",
                                        body="Call 400-800-1234.")
    assert small_set().render("acknowledgement", None, context).locale == "zh-CN"
    with pytest.raises(tf.NotFound):
        small_set().render("acknowledgment", "en", context)


def test_a_rendered_message_is_a_value():
    message = N.RenderedMessage(locale="zh-CN", subject="工单 HT1 已受理", body="您好")
    assert N.RenderedMessage._fields == ("locale", "subject", "body")
    assert repr(message) == "RenderedMessage(locale='zh-CN', subject='工单 HT1 已受理', body='您好')"
    assert pickle.loads(pickle.dumps(message)) == message
    assert copy.deepcopy(message) == message and message != N.RenderedMessage()


# --- the shipped set ---------------------------------------------------------------------------

def full_context():
    context = N.TemplateContext(tf.TimeZone("Asia/Shanghai"))
    for name in N.standard_placeholders():
        if name.endswith("_at") or name.endswith(".due"):
            context.set(name, DUE)
        else:
            context.set(name, f"<{name}>")
    context.set("ticket.number", "HT202310010001")
    return context


def test_the_standard_set_has_every_template_in_zh_cn_and_en():
    standard = N.TemplateSet.standard()
    assert standard.names() == STANDARD_NAMES
    for name in STANDARD_NAMES:
        assert standard.locales(name) == ["en", "zh-CN"], name
    assert standard.default_locale == "zh-CN"
    assert sorted(standard.variables) == ["desk_name", "desk_phone", "portal_url"]


def test_every_standard_template_renders_completely_in_both_locales():
    standard = N.TemplateSet.standard()
    context = full_context()
    for name in STANDARD_NAMES:
        for locale in ("zh-CN", "en"):
            message = standard.render(name, locale, context)
            assert message.locale == locale
            assert message.subject and message.body, (name, locale)
            assert "{{" not in message.subject + message.body, (name, locale)
            assert "HT202310010001" in message.subject, (name, locale)
            assert "\n" not in message.subject
    acknowledgement = standard.render("acknowledgement", "zh-CN", context)
    assert "2023-10-02 09:00 UTC+08:00" in acknowledgement.body


def test_the_standard_set_is_a_copy_the_caller_may_change():
    mine = N.TemplateSet.standard()
    mine.set_variable("desk_phone", "021-6000-1234")
    context = N.TemplateContext()
    context.set("ticket.number", "HT1")
    assert "021-6000-1234" in mine.render("closure", "en", context).body
    assert N.TemplateSet.standard().variables["desk_phone"] != "021-6000-1234"
    assert repr(N.TemplateSet.standard()).startswith("TemplateSet(default_locale='zh-CN'")
