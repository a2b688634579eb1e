#include <set>
#include <string>

#include <gtest/gtest.h>

#include <ticketflow/core/enum_names.hpp>
#include <ticketflow/core/enums.hpp>
#include <ticketflow/core/error.hpp>
#include <ticketflow/core/state.hpp>

namespace ticketflow {
namespace {

/// Per enumeration: how many enumerators it declares and the name of its last one, so a name
/// list that is shorter, longer or shifted against the enum fails.
template <class Enum>
struct Expected;
template <>
struct Expected<Priority> {
    static constexpr std::size_t count = 4;
    static constexpr Priority last = Priority::low;
    static constexpr std::string_view last_name = "low";
};
template <>
struct Expected<Channel> {
    static constexpr std::size_t count = 6;
    static constexpr Channel last = Channel::other;
    static constexpr std::string_view last_name = "other";
};
template <>
struct Expected<CustomerTier> {
    static constexpr std::size_t count = 3;
    static constexpr CustomerTier last = CustomerTier::strategic;
    static constexpr std::string_view last_name = "strategic";
};
template <>
struct Expected<RequestedOutcome> {
    static constexpr std::size_t count = 6;
    static constexpr RequestedOutcome last = RequestedOutcome::other;
    static constexpr std::string_view last_name = "other";
};
template <>
struct Expected<Visibility> {
    static constexpr std::size_t count = 2;
    static constexpr Visibility last = Visibility::customer;
    static constexpr std::string_view last_name = "customer";
};
template <>
struct Expected<Role> {
    static constexpr std::size_t count = 5;
    static constexpr Role last = Role::system;
    static constexpr std::string_view last_name = "system";
};
template <>
struct Expected<TicketState> {
    static constexpr std::size_t count = 8;
    static constexpr TicketState last = TicketState::cancelled;
    static constexpr std::string_view last_name = "cancelled";
};
template <>
struct Expected<LifecycleEvent> {
    static constexpr std::size_t count = 19;
    static constexpr LifecycleEvent last = LifecycleEvent::set_status;
    static constexpr std::string_view last_name = "set_status";
};
template <>
struct Expected<ErrorCode> {
    static constexpr std::size_t count = 8;
    static constexpr ErrorCode last = ErrorCode::corrupt;
    static constexpr std::string_view last_name = "corrupt";
};

template <class Enum>
class enum_names : public testing::Test {};

using AllEnums = testing::Types<Priority, Channel, CustomerTier, RequestedOutcome, Visibility, Role,
                                TicketState, LifecycleEvent, ErrorCode>;
TYPED_TEST_SUITE(enum_names, AllEnums);

TYPED_TEST(enum_names, round_trip_every_enumerator_through_its_name) {
    for (const auto value : all_values<TypeParam>()) {
        const auto name = to_string(value);
        EXPECT_EQ(parse_enum<TypeParam>(name), value) << name;
    }
}

TYPED_TEST(enum_names, name_every_enumerator_once) {
    const auto values = all_values<TypeParam>();
    EXPECT_EQ(values.size(), Expected<TypeParam>::count);
    std::set<std::string_view> names;
    for (const auto value : values) {
        EXPECT_FALSE(to_string(value).empty());
        EXPECT_NE(to_string(value), "?");
        names.insert(to_string(value));
    }
    EXPECT_EQ(names.size(), values.size());
}

TYPED_TEST(enum_names, line_up_with_the_declaration_order) {
    const auto last = Expected<TypeParam>::last;
    EXPECT_EQ(static_cast<std::size_t>(last), Expected<TypeParam>::count - 1);
    EXPECT_EQ(to_string(last), Expected<TypeParam>::last_name);
    EXPECT_EQ(all_values<TypeParam>().back(), last);
}

TYPED_TEST(enum_names, refuse_unknown_names) {
    EXPECT_FALSE(parse_enum<TypeParam>("no_such_value"));
    EXPECT_FALSE(parse_enum<TypeParam>(""));
    const auto first = std::string(to_string(all_values<TypeParam>().front()));
    EXPECT_FALSE(parse_enum<TypeParam>(first + " "));
}

TYPED_TEST(enum_names, print_a_question_mark_for_values_out_of_range) {
    EXPECT_EQ(to_string(static_cast<TypeParam>(Expected<TypeParam>::count)), "?");
}

TEST(enum_names_of_states, spell_new_without_the_underscore) {
    EXPECT_EQ(to_string(TicketState::new_), "new");
    EXPECT_EQ(parse_enum<TicketState>("new"), TicketState::new_);
    EXPECT_FALSE(parse_enum<TicketState>("new_"));
}

TEST(enum_names_of_events, spell_multi_word_events_in_snake_case) {
    EXPECT_EQ(to_string(LifecycleEvent::customer_replied), "customer_replied");
    EXPECT_EQ(to_string(LifecycleEvent::request_info), "request_info");
    EXPECT_EQ(to_string(TicketState::waiting), "waiting");
    EXPECT_EQ(parse_enum<TicketState>("waiting_customer"), TicketState::waiting);  // pre-1.0 name
    EXPECT_EQ(to_string(Channel::on_site), "on_site");
}

}  // namespace
}  // namespace ticketflow
