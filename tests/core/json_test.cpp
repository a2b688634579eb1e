#include <fstream>
#include <sstream>
#include <vector>

#include <gtest/gtest.h>

#include <ticketflow/core/intake_policy.hpp>
#include <ticketflow/core/json.hpp>

namespace ticketflow {
namespace {

using nlohmann::json;
using std::chrono::microseconds;

Timestamp at(const char* iso) {
    return parse_iso8601(iso).value();
}

Customer full_customer() {
    Customer c;
    c.id = CustomerId{"cust-001"};
    c.name = "华东精密制造有限公司";
    c.contact_person = "李伟";
    c.phone = "+86 138-0013-8000";
    c.email = "li.wei@example.com.cn";
    c.tier = CustomerTier::strategic;
    c.tags = {"key-account", "华东"};
    return c;
}

Product full_product() {
    Product p;
    p.model = "LaserJet M404";
    p.serial_number = "SN-7788";
    p.contract_number = "HT-2023-0315";
    p.purchase_date = Date{2023, 3, 15};
    p.warranty_end = Date{2026, 3, 14};
    return p;
}

Attachment full_attachment(std::uint64_t size = 48213) {
    return {"截图 😀.png", "image/png", size, "s3://tickets/42/截图.png"};
}

TicketDraft full_draft() {
    TicketDraft d;
    d.customer = full_customer();
    d.product = full_product();
    d.channel = Channel::on_site;
    d.title = "打印机卡纸 🖨️";
    d.description = "客户反馈打印机卡纸，已尝试重启";
    d.occurred_at = at("2023-09-30T23:15:00.125000Z");
    d.environment = "三楼办公室，Windows 11";
    d.steps_tried = "重启两次，清理纸道";
    d.category = "hardware_fault";
    d.keywords = {"卡纸", "printer"};
    d.priority = Priority::urgent;
    d.requested_outcome = RequestedOutcome::replacement;
    d.attachments = {full_attachment(), full_attachment(1)};
    return d;
}

Ticket full_ticket() {
    Ticket t;
    static_cast<TicketDraft&>(t) = full_draft();
    t.id = TicketId{42};
    t.number = "HT202310010001";
    t.state = TicketState::closed;
    t.team = TeamId{"l1-hardware"};
    t.owner = AgentId{"agent-7"};
    t.collaborators = {AgentId{"agent-8"}, AgentId{"王工"}};
    t.created_at = at("2023-10-01T00:05:00Z");
    t.updated_at = at("2023-10-03T09:00:00.000001Z");
    t.resolved_at = at("2023-10-02T10:00:00Z");
    t.closed_at = at("2023-10-03T09:00:00.000001Z");
    t.solution = "更换搓纸轮";
    t.satisfaction = Satisfaction{5, "很满意 👍"};
    t.reject_count = 1;
    t.reopen_count = 2;
    t.version = 9;
    return t;
}

AuditEvent full_audit_event() {
    AuditEvent e;
    e.ticket = TicketId{42};
    e.sequence = 3;
    e.at = at("2023-10-02T10:00:00.5Z");
    e.actor = Actor::agent("agent-7");
    e.action = "resolve";
    e.changes = {{"state", "in_progress", "resolved"}, {"solution", "", "更换搓纸轮"}};
    e.reason = "parts arrived";
    e.note = "已上门更换";
    e.visibility = Visibility::customer;
    return e;
}

Error full_error() {
    Error e;
    e.code = ErrorCode::invalid_transition;
    e.message = "ticket HT202310010001 is closed: resolve is not allowed";
    e.field = "state";
    e.ticket = TicketId{42};
    e.ticket_number = "HT202310010001";
    e.state = TicketState::closed;
    e.event = LifecycleEvent::resolve;
    return e;
}

/// Writes `value` as JSON text and reads it back.
template <class T>
T through_text(const T& value) {
    return json::parse(json(value).dump()).get<T>();
}

/// The field of the validation error reading `j` as a T raises.
template <class T>
std::string refused_field(const json& j) {
    try {
        (void)j.get<T>();
    } catch (const Exception& e) {
        EXPECT_EQ(e.code(), ErrorCode::validation_failed);
        return e.error().field;
    }
    ADD_FAILURE() << "accepted " << j.dump();
    return "<accepted>";
}

TEST(json, round_trips_a_date) {
    EXPECT_EQ(json(Date{2024, 5, 1}), json("2024-05-01"));
    EXPECT_EQ(through_text(Date{2024, 2, 29}), (Date{2024, 2, 29}));
}

TEST(json, round_trips_a_timestamp_as_iso_text) {
    const auto t = at("2023-10-01T08:30:00.250000Z");
    EXPECT_EQ(json(t), json("2023-10-01T08:30:00.250000Z"));
    EXPECT_EQ(through_text(t), t);
    EXPECT_EQ(json("2023-10-01T16:30:00.25+08:00").get<Timestamp>(), t);
}

TEST(json, round_trips_a_customer) {
    EXPECT_EQ(through_text(full_customer()), full_customer());
}

TEST(json, round_trips_a_product) {
    EXPECT_EQ(through_text(full_product()), full_product());
    EXPECT_EQ(through_text(Product{}), Product{});
}

TEST(json, round_trips_an_attachment) {
    EXPECT_EQ(through_text(full_attachment()), full_attachment());
}

TEST(json, round_trips_a_satisfaction) {
    EXPECT_EQ(through_text(Satisfaction{4, "还行"}), (Satisfaction{4, "还行"}));
}

TEST(json, round_trips_a_draft) {
    EXPECT_EQ(through_text(full_draft()), full_draft());
    EXPECT_EQ(through_text(TicketDraft{}), TicketDraft{});
}

TEST(json, round_trips_a_ticket) {
    EXPECT_EQ(through_text(full_ticket()), full_ticket());
    EXPECT_EQ(through_text(Ticket{}), Ticket{});
}

TEST(json, round_trips_an_actor) {
    EXPECT_EQ(through_text(Actor::supervisor("sup-1")), Actor::supervisor("sup-1"));
    EXPECT_EQ(through_text(Actor::system()), Actor::system());
}

TEST(json, round_trips_a_field_change) {
    const FieldChange change{"owner", "", "agent-7"};
    EXPECT_EQ(through_text(change), change);
}

TEST(json, round_trips_an_audit_event) {
    EXPECT_EQ(through_text(full_audit_event()), full_audit_event());
}

TEST(json, round_trips_an_error) {
    EXPECT_EQ(through_text(full_error()), full_error());
    EXPECT_EQ(through_text(validation_error("title", "is required")),
              validation_error("title", "is required"));
}

template <class Enum>
class json_enum : public testing::Test {};
using AllEnums = testing::Types<Priority, Channel, CustomerTier, RequestedOutcome, Visibility, Role,
                                TicketState, LifecycleEvent, ErrorCode>;
TYPED_TEST_SUITE(json_enum, AllEnums);

TYPED_TEST(json_enum, writes_names_and_reads_them_back) {
    for (const auto value : all_values<TypeParam>()) {
        const json j = value;
        ASSERT_TRUE(j.is_string());
        EXPECT_EQ(j.get<std::string>(), to_string(value));
        EXPECT_EQ(j.get<TypeParam>(), value);
    }
}

TYPED_TEST(json_enum, refuses_an_unknown_name) {
    EXPECT_THROW((void)json("no_such_value").get<TypeParam>(), Exception);
}

TEST(json, writes_the_documented_shape_of_a_ticket) {
    const json j = full_ticket();
    EXPECT_EQ(j.at("id"), 42);
    EXPECT_EQ(j.at("number"), "HT202310010001");
    EXPECT_EQ(j.at("state"), "closed");
    EXPECT_EQ(j.at("owner"), "agent-7");
    EXPECT_EQ(j.at("collaborators"), json({"agent-8", "王工"}));
    EXPECT_EQ(j.at("created_at"), "2023-10-01T00:05:00Z");
    EXPECT_EQ(j.at("priority"), "urgent");
    EXPECT_EQ(j.at("channel"), "on_site");
    EXPECT_EQ(j.at("customer").at("tier"), "strategic");
    EXPECT_EQ(j.at("product").at("warranty_end"), "2026-03-14");
    EXPECT_EQ(j.at("description"), "客户反馈打印机卡纸，已尝试重启");
    EXPECT_EQ(j.at("satisfaction"), json({{"score", 5}, {"comment", "很满意 👍"}}));
    // Flat: the draft's fields sit beside the ticket's own.
    EXPECT_TRUE(j.contains("title"));
    EXPECT_FALSE(j.contains("draft"));
}

TEST(json, writes_the_state_new_without_underscore) {
    EXPECT_EQ(json(Ticket{}).at("state"), "new");
}

TEST(json, writes_empty_optionals_as_null) {
    const json j = Ticket{};
    EXPECT_TRUE(j.at("occurred_at").is_null());
    EXPECT_TRUE(j.at("resolved_at").is_null());
    EXPECT_TRUE(j.at("closed_at").is_null());
    EXPECT_TRUE(j.at("satisfaction").is_null());
    EXPECT_TRUE(j.at("product").at("purchase_date").is_null());
}

TEST(json, writes_an_error_with_names_and_nulls) {
    EXPECT_EQ(json(full_error()), json::parse(R"({
        "code": "invalid_transition",
        "message": "ticket HT202310010001 is closed: resolve is not allowed",
        "field": "state",
        "ticket": 42,
        "ticket_number": "HT202310010001",
        "state": "closed",
        "event": "resolve"})"));
    const json bare = validation_error("title", "is required");
    EXPECT_EQ(bare.at("code"), "validation_failed");
    EXPECT_TRUE(bare.at("ticket").is_null());
    EXPECT_TRUE(bare.at("state").is_null());
    EXPECT_TRUE(bare.at("event").is_null());
}

TEST(json, keeps_chinese_and_emoji_text_unescaped) {
    const auto text = json(full_ticket()).dump();
    EXPECT_NE(text.find("客户反馈打印机卡纸，已尝试重启"), std::string::npos);
    EXPECT_NE(text.find("👍"), std::string::npos);
}

TEST(json, ignores_unknown_fields) {
    json j = full_ticket();
    j["shoe_size"] = 42;
    j["customer"]["loyalty"] = {{"points", 7}};
    j["attachments"][0]["checksum"] = "sha256:abc";
    EXPECT_EQ(j.get<Ticket>(), full_ticket());
}

TEST(json, reads_a_minimal_draft_with_defaults_for_missing_fields) {
    const auto draft = json::parse(R"({"title": "Fan noise", "description": "Loud fan",
                                       "customer": {"name": "ACME"}})")
                           .get<TicketDraft>();
    TicketDraft expected;
    expected.title = "Fan noise";
    expected.description = "Loud fan";
    expected.customer.name = "ACME";
    EXPECT_EQ(draft, expected);
    EXPECT_EQ(draft.priority, Priority::medium);
    EXPECT_EQ(draft.channel, Channel::web);
}

TEST(json, reads_an_empty_object_as_all_defaults) {
    EXPECT_EQ(json::object().get<Ticket>(), Ticket{});
    EXPECT_EQ(json::object().get<AuditEvent>(), AuditEvent{});
    EXPECT_EQ(json::object().get<Error>(), Error{});
}

TEST(json, reads_null_and_missing_optionals_as_empty) {
    json j = full_ticket();
    j["resolved_at"] = nullptr;
    j.erase("closed_at");
    j["satisfaction"] = nullptr;
    j["product"]["warranty_end"] = nullptr;
    const auto ticket = j.get<Ticket>();
    EXPECT_FALSE(ticket.resolved_at);
    EXPECT_FALSE(ticket.closed_at);
    EXPECT_FALSE(ticket.satisfaction);
    EXPECT_FALSE(ticket.product.warranty_end);
    EXPECT_EQ(ticket.product.purchase_date, (Date{2023, 3, 15}));
}

TEST(json, names_the_nested_field_of_an_unknown_enumerator) {
    json j = full_ticket();
    j["customer"]["tier"] = "gold";
    try {
        (void)j.get<Ticket>();
        FAIL() << "accepted an unknown tier";
    } catch (const Exception& e) {
        EXPECT_EQ(e.error().field, "customer.tier");
        EXPECT_EQ(
            e.error().message,
            "customer.tier: unknown value 'gold' (expected one of: standard, vip, strategic)");
    }
}

TEST(json, names_the_field_inside_an_array_element) {
    json j = full_ticket();
    j["attachments"][1]["size_bytes"] = "big";
    EXPECT_EQ(refused_field<Ticket>(j), "attachments[1].size_bytes");
    EXPECT_EQ(refused_field<TicketDraft>(j), "attachments[1].size_bytes");
}

TEST(json, names_the_path_of_every_kind_of_wrong_type) {
    const std::pair<const char*, const char*> cases[] = {
        {R"({"title": 7})", "title"},
        {R"({"title": null})", "title"},
        {R"({"priority": 1})", "priority"},
        {R"({"priority": "critical"})", "priority"},
        {R"({"keywords": ["a", 3]})", "keywords[1]"},
        {R"({"keywords": "a,b"})", "keywords"},
        {R"({"customer": "ACME"})", "customer"},
        {R"({"customer": {"tags": [true]}})", "customer.tags[0]"},
        {R"({"customer": {"id": 17}})", "customer.id"},
        {R"({"product": {"warranty_end": "2023-02-30"}})", "product.warranty_end"},
        {R"({"product": {"purchase_date": 20230315}})", "product.purchase_date"},
        {R"({"occurred_at": "yesterday"})", "occurred_at"},
        {R"({"occurred_at": "2023-10-01T08:30:00"})", "occurred_at"},
        {R"({"attachments": [{"size_bytes": -1}]})", "attachments[0].size_bytes"},
        {R"({"attachments": [{"size_bytes": 1.5}]})", "attachments[0].size_bytes"},
        {R"({"attachments": [{}, "x"]})", "attachments[1]"},
        {R"({"satisfaction": {"score": 4.5}})", "satisfaction.score"},
        {R"({"satisfaction": {"score": 3000000000}})", "satisfaction.score"},
        {R"({"reject_count": -1})", "reject_count"},
        {R"({"reopen_count": 4294967296})", "reopen_count"},
        {R"({"id": "42"})", "id"},
        {R"({"id": -42})", "id"},
        {R"({"collaborators": "bob"})", "collaborators"},
        {R"({"collaborators": ["bob", null]})", "collaborators[1]"},
        {R"({"state": "open"})", "state"},
        {R"({"created_at": null})", "created_at"},
        {R"({"version": "1"})", "version"},
    };
    for (const auto& [text, field] : cases) {
        EXPECT_EQ(refused_field<Ticket>(json::parse(text)), field) << text;
    }
}

TEST(json, names_the_path_inside_an_audit_event) {
    EXPECT_EQ(refused_field<AuditEvent>(json::parse(R"({"changes": [{"field": 1}]})")),
              "changes[0].field");
    EXPECT_EQ(refused_field<AuditEvent>(json::parse(R"({"actor": {"role": "boss"}})")),
              "actor.role");
    EXPECT_EQ(refused_field<AuditEvent>(json::parse(R"({"at": "2023-10-01"})")), "at");
    EXPECT_EQ(refused_field<AuditEvent>(json::parse(R"({"visibility": "public"})")), "visibility");
}

TEST(json, names_the_path_inside_an_error) {
    EXPECT_EQ(refused_field<Error>(json::parse(R"({"code": "oops"})")), "code");
    EXPECT_EQ(refused_field<Error>(json::parse(R"({"state": "open"})")), "state");
    EXPECT_EQ(refused_field<Error>(json::parse(R"({"ticket": "HT1"})")), "ticket");
}

TEST(json, refuses_a_document_that_is_not_an_object) {
    EXPECT_EQ(refused_field<Ticket>(json::array()), "");
    EXPECT_EQ(refused_field<Customer>(json("ACME")), "");
    EXPECT_EQ(refused_field<Date>(json(20240501)), "");
    EXPECT_EQ(refused_field<Date>(json("2024-02-30")), "");
    EXPECT_THROW((void)json("not a time").get<Timestamp>(), Exception);
}

TEST(json, refuses_invalid_utf8_in_a_string_naming_its_path) {
    const std::string broken = "caf\xC3";  // a lead byte without its continuation
    const std::pair<json, const char*> cases[] = {
        {{{"title", broken}}, "title"},
        {{{"customer", {{"name", broken}}}}, "customer.name"},
        {{{"keywords", json::array({"ok", broken})}}, "keywords[1]"},
        {{{"customer", {{"id", broken}}}}, "customer.id"},
        {{{"attachments", {{{"uri", "\xFF"}}}}}, "attachments[0].uri"},
    };
    for (const auto& [document, field] : cases) {
        const auto result = from_json_checked<Ticket>(document);
        ASSERT_FALSE(result) << field;
        EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
        EXPECT_EQ(result.error().field, field);
        EXPECT_TRUE(is_valid_utf8(result.error().message)) << result.error().message;
    }
}

TEST(json, refuses_invalid_utf8_in_a_map_key_and_an_enumerator) {
    const json details = {{"ticket", 1}, {"details", {{"ok\xFF", "x"}}}};
    EXPECT_EQ(refused_field<AuditEvent>(details), "details.ok\\xff");
    EXPECT_EQ(refused_field<Ticket>(json{{"priority", "hi\xFF"}}), "priority");
    try {
        (void)json("hi\xFF").get<Priority>();
        FAIL() << "accepted";
    } catch (const Exception& e) {
        EXPECT_EQ(e.error().message, "is not valid UTF-8 text: 'hi\\xff'");
    }
}

TEST(json, reading_a_strong_id_or_enumerator_throws_only_ticketflow_errors) {
    // nlohmann's adapters (j.get<T>()) throw; they throw Exception, never nlohmann's type_error.
    EXPECT_THROW((void)json(7).get<AgentId>(), Exception);
    EXPECT_THROW((void)json("7").get<TicketId>(), Exception);
    EXPECT_THROW((void)json(-1).get<TicketId>(), Exception);
    EXPECT_THROW((void)json(3).get<Priority>(), Exception);
    EXPECT_EQ(json(42).get<TicketId>(), TicketId{42});
    EXPECT_EQ(json("urgent").get<Priority>(), Priority::urgent);
}

TEST(json, leaves_the_target_unchanged_when_reading_fails) {
    Ticket ticket = full_ticket();
    EXPECT_THROW(from_json(json::parse(R"({"title": "new", "version": "x"})"), ticket), Exception);
    EXPECT_EQ(ticket, full_ticket());
}

TEST(json, checked_reading_returns_the_error_instead_of_throwing) {
    json j = full_ticket();
    j["attachments"][0]["media_type"] = 5;
    const auto result = from_json_checked<Ticket>(j);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::validation_failed);
    EXPECT_EQ(result.error().field, "attachments[0].media_type");
    EXPECT_NE(result.error().message.find("expected a string"), std::string::npos);
}

TEST(json, checked_reading_returns_the_value_on_success) {
    const auto result = from_json_checked<Ticket>(json(full_ticket()));
    ASSERT_TRUE(result);
    EXPECT_EQ(*result, full_ticket());
}

/// The ```json blocks of docs/json.md, in order.
std::vector<json> documented_examples() {
    std::ifstream file{TICKETFLOW_SOURCE_DIR "/docs/json.md"};
    std::vector<json> examples;
    std::string line;
    std::ostringstream block;
    bool inside = false;
    while (std::getline(file, line)) {
        if (!inside && line == "```json") {
            inside = true;
            block.str("");
        } else if (inside && line == "```") {
            inside = false;
            examples.push_back(json::parse(block.str()));
        } else if (inside) {
            block << line << '\n';
        }
    }
    return examples;
}

TEST(json, reads_the_documented_examples) {
    const auto examples = documented_examples();
    ASSERT_EQ(examples.size(), 2u);

    Error error = full_error();
    error.field.clear();
    EXPECT_EQ(examples[0].get<Error>(), error);

    const auto ticket = examples[1].get<Ticket>();
    EXPECT_EQ(ticket.id, TicketId{42});
    EXPECT_EQ(ticket.state, TicketState::in_progress);
    EXPECT_EQ(ticket.customer.tier, CustomerTier::vip);
    EXPECT_EQ(ticket.product.warranty_end, (Date{2026, 3, 14}));
    EXPECT_EQ(ticket.occurred_at, at("2023-09-30T15:15:00Z"));
    EXPECT_EQ(ticket.attachments.at(0).size_bytes, 482133u);
    EXPECT_EQ(ticket.description, "客户反馈打印机卡纸，已尝试重启");
    EXPECT_EQ(json(ticket).at("occurred_at"), "2023-09-30T15:15:00Z");
    EXPECT_EQ(through_text(ticket), ticket);
}

}  // namespace
}  // namespace ticketflow
