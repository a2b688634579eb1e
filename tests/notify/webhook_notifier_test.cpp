// The webhook notifier against a real HTTP server on loopback: the request it sends (body, key and
// headers), what each answer means (delivered, retried, dead), timeouts and refused connections,
// URLs it refuses, concurrent calls, and the relay over every store retrying a failing receiver
// until it takes the notification exactly once.
#include <atomic>
#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <ticketflow/notify/entry_document.hpp>
#include <ticketflow/notify/relay.hpp>
#include <ticketflow/notify/webhook_notifier.hpp>

#include "support/loopback_http_server.hpp"
#include "support/store_kinds.hpp"
#include "support/units_of_work.hpp"

namespace ticketflow::testing {
namespace {

using namespace std::chrono_literals;
using notify::Delivery;
using notify::WebhookNotifier;
using notify::WebhookOptions;
using ::testing::HasSubstr;

/// "李雷" as UTF-8, percent-encoded.
constexpr const char* li_lei = "\xE6\x9D\x8E\xE9\x9B\xB7";
constexpr const char* li_lei_encoded = "%E6%9D%8E%E9%9B%B7";

OutboxEntry sample_entry(std::string recipient = "ops@example.com") {
    OutboxEntry entry;
    entry.id = 7;
    entry.ticket = TicketId{42};
    entry.event_sequence = 3;
    entry.channel = "webhook";
    entry.recipient = recipient;
    entry.key = outbox_key("HT202310010001", 3, "webhook", recipient);
    entry.payload = R"({"template": "acknowledgement", "lang": "zh-CN"})";
    entry.created_at = from_unix_seconds(1696118400);
    return entry;
}

WebhookOptions posting_to(const LoopbackHttpServer& server) {
    WebhookOptions options;
    options.url = server.url("/hooks/tickets");
    return options;
}

TEST(webhook_notifier, posts_the_entry_as_json_with_its_key_and_headers) {
    LoopbackHttpServer server({{201, "created"}});
    WebhookOptions options = posting_to(server);
    options.headers = {{"Authorization", "Bearer s3cret"}, {"X-Tenant", "east"}};
    WebhookNotifier webhook(options);
    OutboxEntry entry = sample_entry();
    entry.attempts = 2;

    EXPECT_EQ(webhook.deliver(entry), Delivery::ok());

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    const HttpRequest& request = requests[0];
    EXPECT_EQ(request.method, "POST");
    EXPECT_EQ(request.path, "/hooks/tickets");
    EXPECT_EQ(request.header("Content-Type"), "application/json");
    EXPECT_EQ(request.header("Idempotency-Key"), entry.key);
    EXPECT_EQ(request.header("X-Ticketflow-Attempt"), "3");
    EXPECT_EQ(request.header("Authorization"), "Bearer s3cret");
    EXPECT_EQ(request.header("X-Tenant"), "east");
    EXPECT_EQ(request.header("User-Agent"), std::string("ticketflow/") + version_string);
    const auto body = nlohmann::json::parse(request.body);
    EXPECT_EQ(body, notify::entry_document(entry));
    EXPECT_EQ(body["key"], entry.key);
    EXPECT_EQ(body["ticket"], 42);
    EXPECT_EQ(body["event_sequence"], 3);
    EXPECT_EQ(body["recipient"], "ops@example.com");
    EXPECT_EQ(body["created_at"], "2023-10-01T00:00:00Z");
    EXPECT_EQ(body["payload"]["template"], "acknowledgement");  // embedded, not a string
}

TEST(webhook_notifier, percent_encodes_what_is_not_printable_ascii_in_the_idempotency_key) {
    LoopbackHttpServer server;
    WebhookNotifier webhook(posting_to(server));
    const OutboxEntry entry = sample_entry(std::string(li_lei) + "@example.com");

    EXPECT_EQ(webhook.deliver(entry), Delivery::ok());

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].header("Idempotency-Key"),
              std::string("HT202310010001/3/webhook/") + li_lei_encoded + "@example.com");
    EXPECT_EQ(nlohmann::json::parse(requests[0].body)["key"], entry.key);  // the body keeps UTF-8
    EXPECT_EQ(WebhookNotifier::idempotency_key("HT1/2/email/a@b.c"), "HT1/2/email/a@b.c");
    EXPECT_EQ(WebhookNotifier::idempotency_key("50% off\r\n"), "50%25%20off%0D%0A");
}

TEST(webhook_notifier, posts_to_the_recipient_when_no_url_is_configured) {
    LoopbackHttpServer server;
    WebhookNotifier webhook;
    const OutboxEntry entry = sample_entry(server.url("/per-customer/hook?tenant=east"));

    EXPECT_EQ(webhook.deliver(entry), Delivery::ok());

    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 1u);
    EXPECT_EQ(requests[0].path, "/per-customer/hook?tenant=east");
    EXPECT_EQ(nlohmann::json::parse(requests[0].body)["recipient"], entry.recipient);
}

TEST(webhook_notifier, fails_on_answers_worth_retrying_and_rejects_the_others) {
    struct Case {
        int status;
        Delivery::Outcome outcome;
    };
    const std::vector<Case> cases{
        {200, Delivery::Outcome::delivered}, {202, Delivery::Outcome::delivered},
        {204, Delivery::Outcome::delivered}, {408, Delivery::Outcome::failed},
        {425, Delivery::Outcome::failed},    {429, Delivery::Outcome::failed},
        {500, Delivery::Outcome::failed},    {503, Delivery::Outcome::failed},
        {400, Delivery::Outcome::rejected},  {401, Delivery::Outcome::rejected},
        {404, Delivery::Outcome::rejected},  {422, Delivery::Outcome::rejected}};
    std::vector<HttpResponse> script;
    for (const Case& c : cases) {
        // A 204 has no body by definition.
        script.push_back({c.status, c.status == 204 ? "" : "said " + std::to_string(c.status)});
    }
    LoopbackHttpServer server(script);
    WebhookNotifier webhook(posting_to(server));
    for (const Case& c : cases) {
        const Delivery delivery = webhook.deliver(sample_entry());
        EXPECT_EQ(delivery.outcome, c.outcome) << c.status << ": " << delivery.error;
        if (c.outcome != Delivery::Outcome::delivered) {
            EXPECT_EQ(delivery.error, "HTTP " + std::to_string(c.status) + " from " +
                                          server.url("/hooks/tickets") + ": said " +
                                          std::to_string(c.status));
        }
    }
}

TEST(webhook_notifier, keeps_a_short_single_line_snippet_of_the_answer_in_the_error) {
    LoopbackHttpServer server({{503, "upstream\r\n  down " + std::string(500, 'x')}});
    WebhookNotifier webhook(posting_to(server));
    const Delivery delivery = webhook.deliver(sample_entry());
    EXPECT_EQ(delivery.outcome, Delivery::Outcome::failed);
    EXPECT_THAT(delivery.error, HasSubstr(": upstream down xxx"));
    EXPECT_THAT(delivery.error, ::testing::EndsWith("x…"));
    EXPECT_LT(delivery.error.size(), 300u);
}

TEST(webhook_notifier, rejects_a_redirect_instead_of_following_it) {
    LoopbackHttpServer server({{301, "", {{"Location", "https://elsewhere.example.com/hook"}}}});
    WebhookNotifier webhook(posting_to(server));
    const Delivery delivery = webhook.deliver(sample_entry());
    EXPECT_EQ(delivery.outcome, Delivery::Outcome::rejected);
    EXPECT_THAT(delivery.error, HasSubstr("HTTP 301"));
    EXPECT_THAT(delivery.error, HasSubstr("redirected to https://elsewhere.example.com/hook"));
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(webhook_notifier, a_receiver_slower_than_the_timeout_is_a_failure) {
    LoopbackHttpServer server({{200, "too late", {}, 3s}});
    WebhookOptions options = posting_to(server);
    options.timeout = 200ms;
    WebhookNotifier webhook(options);
    const auto started = std::chrono::steady_clock::now();
    const Delivery delivery = webhook.deliver(sample_entry());
    EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
    EXPECT_EQ(delivery.outcome, Delivery::Outcome::failed);
    EXPECT_THAT(delivery.error, HasSubstr("timed out"));
    EXPECT_EQ(server.requests().size(), 1u);
}

TEST(webhook_notifier, a_refused_connection_is_a_failure) {
    LoopbackHttpServer server;
    const WebhookOptions options = posting_to(server);
    server.stop();
    WebhookNotifier webhook(options);
    const Delivery delivery = webhook.deliver(sample_entry());
    EXPECT_EQ(delivery.outcome, Delivery::Outcome::failed);
    EXPECT_THAT(delivery.error, HasSubstr(options.url));
}

TEST(webhook_notifier, rejects_an_invalid_url_or_a_scheme_other_than_http_and_https) {
    WebhookNotifier by_recipient;
    for (const std::string url : {"not a url", "", "hooks.example.com/tickets", "http://",
                                  "ftp://127.0.0.1/hook", "file:///etc/passwd"}) {
        const Delivery delivery = by_recipient.deliver(sample_entry(url));
        EXPECT_EQ(delivery.outcome, Delivery::Outcome::rejected) << url << ": " << delivery.error;
    }
    WebhookOptions options;
    options.url = "gopher://127.0.0.1/hook";
    const Delivery delivery = WebhookNotifier(options).deliver(sample_entry());
    EXPECT_EQ(delivery.outcome, Delivery::Outcome::rejected);
    EXPECT_THAT(delivery.error, HasSubstr("only http and https"));
}

TEST(webhook_notifier, leaves_credentials_and_the_query_out_of_its_errors) {
    LoopbackHttpServer server({{500, ""}});
    WebhookOptions options;
    options.url = "http://user:pa55@127.0.0.1:" + std::to_string(server.port()) + "/h?token=t0k";
    const Delivery delivery = WebhookNotifier(options).deliver(sample_entry());
    EXPECT_EQ(delivery.error, "HTTP 500 from " + server.url("/h"));
    EXPECT_EQ(server.requests().at(0).path, "/h?token=t0k");
}

TEST(webhook_notifier, rejects_an_entry_that_is_not_utf8) {
    LoopbackHttpServer server;
    WebhookNotifier webhook(posting_to(server));
    const Delivery delivery = webhook.deliver(sample_entry("bad\xFF@example.com"));
    EXPECT_EQ(delivery.outcome, Delivery::Outcome::rejected);
    EXPECT_TRUE(server.requests().empty());
}

TEST(webhook_notifier, refuses_options_that_can_never_work) {
    const auto refusal = [](WebhookOptions options) {
        try {
            WebhookNotifier{options};
        } catch (const Exception& e) {
            return e.error().field;
        }
        return std::string("accepted");
    };
    WebhookOptions instant;
    instant.timeout = 0s;
    EXPECT_EQ(refusal(instant), "timeout");
    WebhookOptions keyed;
    keyed.headers = {{"idempotency-key", "mine"}};
    EXPECT_EQ(refusal(keyed), "headers");
    WebhookOptions spaced;
    spaced.headers = {{"X Tenant", "east"}};
    EXPECT_EQ(refusal(spaced), "headers");
    WebhookOptions injected;
    injected.headers = {{"X-Tenant", "east\r\nX-Admin: yes"}};
    EXPECT_EQ(refusal(injected), "headers");
    WebhookOptions fine;
    fine.headers = {{"Authorization", "Bearer t"}};
    EXPECT_EQ(refusal(fine), "accepted");
    EXPECT_EQ(WebhookNotifier(fine).options(), fine);
}

TEST(webhook_notifier, deliveries_from_four_threads_all_arrive) {
    LoopbackHttpServer server;
    WebhookNotifier webhook(posting_to(server));
    constexpr int threads = 4;
    constexpr int each = 10;
    std::atomic<int> delivered{0};
    std::vector<std::thread> senders;
    for (int t = 0; t < threads; ++t) {
        senders.emplace_back([&, t] {
            for (int i = 0; i < each; ++i) {
                const auto entry =
                    sample_entry("r" + std::to_string(t) + "-" + std::to_string(i) + "@x.com");
                if (webhook.deliver(entry) == Delivery::ok()) ++delivered;
            }
        });
    }
    for (auto& sender : senders) sender.join();
    EXPECT_EQ(delivered.load(), threads * each);
    std::set<std::string> keys;
    for (const auto& request : server.requests()) keys.insert(request.header("Idempotency-Key"));
    EXPECT_EQ(keys.size(), static_cast<std::size_t>(threads * each));
}

// Through the relay, on every store.
template <class Kind>
class webhook_relay : public ::testing::Test {
  protected:
    std::shared_ptr<Store> store = Kind::make();
    std::shared_ptr<ManualClock> clock =
        std::make_shared<ManualClock>(from_unix_seconds(1696118400));

    /// Opens a ticket whose opening notifies the webhook for 李雷@example.com.
    void open_with_webhook() {
        TicketCreation creation = opening();
        creation.ticket.created_at = clock->now();
        creation.events[0].at = clock->now();
        creation.outbox.push_back({0,
                                   "webhook",
                                   std::string(li_lei) + "@example.com",
                                   R"({"template": "acknowledgement"})",
                                   {}});
        store->create(creation).value();
    }

    std::unique_ptr<notify::Relay> relay_to(const WebhookOptions& options) {
        auto relay = std::make_unique<notify::Relay>(store, clock);
        relay->add_notifier("webhook", std::make_shared<WebhookNotifier>(options));
        return relay;
    }

    OutboxEntry only_entry() { return store->outbox({}).value().at(0); }
};

TYPED_TEST_SUITE(webhook_relay, StoreKinds, StoreKindNames);

// The acceptance test: a receiver that answers 500 twice, then 200.
TYPED_TEST(webhook_relay, answered_500_twice_then_200_delivers_once_after_three_attempts) {
    this->open_with_webhook();
    LoopbackHttpServer server({{500, "db down"}, {500, "db down"}, {200, "ok"}});
    auto relay = this->relay_to(posting_to(server));

    EXPECT_EQ(relay->pump().value().retried, 1u);
    EXPECT_EQ(this->only_entry().last_error,
              "HTTP 500 from " + server.url("/hooks/tickets") + ": db down");
    this->clock->set(this->only_entry().due_at);
    EXPECT_EQ(relay->pump().value().retried, 1u);
    this->clock->set(this->only_entry().due_at);
    EXPECT_EQ(relay->pump().value().delivered, 1u);
    EXPECT_EQ(relay->pump().value(), notify::PumpReport{});  // delivered once, never again

    const OutboxEntry entry = this->only_entry();
    EXPECT_EQ(entry.state, OutboxState::delivered);
    EXPECT_EQ(entry.attempts, 3u);
    EXPECT_EQ(entry.last_error, "");
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 3u);
    for (std::size_t i = 0; i < requests.size(); ++i) {
        EXPECT_EQ(requests[i].header("Idempotency-Key"),
                  "N-1/1/webhook/" + std::string(li_lei_encoded) + "@example.com");
        EXPECT_EQ(requests[i].header("X-Ticketflow-Attempt"), std::to_string(i + 1));
        EXPECT_EQ(requests[i].body, requests[0].body);
    }
    EXPECT_EQ(nlohmann::json::parse(requests[0].body)["key"], entry.key);
}

TYPED_TEST(webhook_relay, answers_429_and_503_are_retried_404_and_400_are_dead_at_once) {
    for (const int status : {429, 503, 404, 400}) {
        this->store = TypeParam::make();
        this->open_with_webhook();
        LoopbackHttpServer server({{status, "no"}});
        auto relay = this->relay_to(posting_to(server));
        const notify::PumpReport report = relay->pump().value();
        const OutboxEntry entry = this->only_entry();
        EXPECT_EQ(entry.attempts, 1u) << status;
        EXPECT_THAT(entry.last_error, HasSubstr("HTTP " + std::to_string(status))) << status;
        if (status == 429 || status == 503) {
            EXPECT_EQ(report.retried, 1u) << status;
            EXPECT_EQ(entry.state, OutboxState::pending) << status;
        } else {
            EXPECT_EQ(report.dead, 1u) << status;
            EXPECT_EQ(entry.state, OutboxState::dead) << status;
        }
    }
}

TYPED_TEST(webhook_relay, a_timeout_is_retried_and_the_retry_delivers) {
    this->open_with_webhook();
    LoopbackHttpServer server({{200, "too late", {}, 1s}});
    WebhookOptions impatient = posting_to(server);
    impatient.timeout = 200ms;
    auto relay = this->relay_to(impatient);

    EXPECT_EQ(relay->pump().value().retried, 1u);
    EXPECT_THAT(this->only_entry().last_error, HasSubstr("timed out"));
    ASSERT_TRUE(server.wait_for_answers(1, 10s));  // the server is free again
    // The receiver is fast again; a patient notifier keeps the retry from racing the clock.
    relay->add_notifier("webhook", std::make_shared<WebhookNotifier>(posting_to(server)));
    this->clock->set(this->only_entry().due_at);
    EXPECT_EQ(relay->pump().value().delivered, 1u);

    const OutboxEntry entry = this->only_entry();
    EXPECT_EQ(entry.state, OutboxState::delivered);
    EXPECT_EQ(entry.attempts, 2u);
    const auto requests = server.requests();
    ASSERT_EQ(requests.size(), 2u);
    EXPECT_EQ(requests[0].header("Idempotency-Key"), requests[1].header("Idempotency-Key"));
}

}  // namespace
}  // namespace ticketflow::testing
