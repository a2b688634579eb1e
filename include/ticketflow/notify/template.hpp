#pragma once
/// \file
/// Message templates: texts with `{{placeholders}}` ("工单 {{ticket.number}} 已受理"), checked when
/// they are loaded, rendered for one recipient in their locale and time zone.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <ticketflow/core/result.hpp>
#include <ticketflow/core/time.hpp>
#include <ticketflow/core/time_zone.hpp>

namespace ticketflow::notify {

/// What placeholders stand for when one message is rendered: text, or an instant that is written
/// in the recipient's time zone ("2023-10-02 09:00 UTC+08:00"). A name without a value renders as
/// its fallback (`{{ticket.owner | unassigned}}`), or as nothing.
class TemplateContext {
  public:
    using Value = std::variant<std::string, Timestamp>;

    TemplateContext() = default;
    explicit TemplateContext(TimeZone zone) : zone_(std::move(zone)) {}

    void set(std::string name, std::string text) { values_[std::move(name)] = std::move(text); }
    void set(std::string name, Timestamp at) { values_[std::move(name)] = at; }
    /// Sets `name` only when there is a value.
    void set(std::string name, const std::optional<Timestamp>& at) {
        if (at) set(std::move(name), *at);
    }

    /// The value of `name` as text, instants written in the zone; none when it has no value.
    std::optional<std::string> text(std::string_view name) const;

    const TimeZone& zone() const noexcept { return zone_; }
    const std::map<std::string, Value, std::less<>>& values() const noexcept { return values_; }

  private:
    TimeZone zone_;
    std::map<std::string, Value, std::less<>> values_;
};

/// Writes `at` as the wall clock of `zone` with its offset: "2023-10-02 09:00 UTC+08:00"
/// ("2023-10-02 01:00 UTC" in UTC).
std::string format_local_time(Timestamp at, const TimeZone& zone);

/// The placeholders the engine fills in for every notification (see docs/notifications.md):
/// `ticket.*`, `customer.*`, `product.*`, `event.*`, `sla.*`, `recipient.*`. Templates may also
/// use `vars.<name>` for the variables their set declares.
const std::vector<std::string>& standard_placeholders();
bool is_standard_placeholder(std::string_view name);

/// One text with placeholders. Syntax: `{{ name }}` or `{{ name | fallback text }}`; names are
/// lower-case letters, digits, `_` and `.`; every `{{` opens a placeholder.
///
///     auto t = Template::parse("工单 {{ticket.number}} 已受理", is_standard_placeholder).value();
///     t.render(context);  // "工单 HT202310010001 已受理"
class Template {
  public:
    Template() = default;
    /// Parses `text`. A malformed or unknown placeholder is `validation_failed` naming `field`,
    /// with a message that quotes the placeholder.
    static Result<Template> parse(std::string_view text,
                                  const std::function<bool(std::string_view)>& known,
                                  const std::string& field = "template");

    std::string render(const TemplateContext& context) const;

    const std::string& text() const noexcept { return text_; }
    /// The names it uses, in order of first use, each once.
    std::vector<std::string> placeholders() const;

    friend bool operator==(const Template& a, const Template& b) { return a.text_ == b.text_; }

  private:
    struct Piece {
        std::string literal;   // text before the placeholder
        std::string name;      // empty for the trailing literal
        std::string fallback;  // rendered when the name has no value
    };
    std::string text_;
    std::vector<Piece> pieces_;
};

/// A message: a subject line and a body.
struct MessageTemplate {
    Template subject;
    Template body;

    friend bool operator==(const MessageTemplate& a, const MessageTemplate& b) {
        return a.subject == b.subject && a.body == b.body;
    }
};

/// What a template renders to for one recipient.
struct RenderedMessage {
    std::string locale;  ///< the variant used
    std::string subject;
    std::string body;

    friend bool operator==(const RenderedMessage& a, const RenderedMessage& b) {
        return a.locale == b.locale && a.subject == b.subject && a.body == b.body;
    }
};

/// Named templates, each in one or more locales, and the variables (`vars.<name>`) they may use.
/// Every template is checked when it is added or loaded: an unknown placeholder is an error then,
/// never a blank in a customer's inbox.
///
/// JSON:
///
///     {"default_locale": "zh-CN",
///      "variables": {"desk_phone": "400-800-1234"},
///      "templates": {"acknowledgement": {
///          "zh-CN": {"subject": "工单 {{ticket.number}} 已受理", "body": "…"},
///          "en":    {"subject": "Ticket {{ticket.number}} received", "body": "…"}}}}
class TemplateSet {
  public:
    TemplateSet() = default;

    /// The templates ticketflow ships, in zh-CN (the default) and en: acknowledgement, assignment,
    /// progress_update, information_request, sla_warning, sla_breach, sla_escalation,
    /// resolution_confirmation, closure, reopened. Their variables (desk_name, desk_phone,
    /// portal_url) have neutral defaults; `set_variable` replaces them.
    static const TemplateSet& standard();

    /// Reads the JSON above; the first problem is `validation_failed` naming its path, e.g.
    /// `templates.acknowledgement.en.subject`.
    static Result<TemplateSet> from_json(const nlohmann::json& document);
    nlohmann::json to_json() const;

    /// Declares or changes a variable; names as placeholders (`desk_phone`, not `vars.desk_phone`).
    Result<void> set_variable(std::string name, std::string value);
    /// Adds or replaces the `locale` variant of template `name`, checking both texts.
    Result<void> add(const std::string& name, const std::string& locale, std::string_view subject,
                     std::string_view body);
    /// The locale used when a recipient has none, or one no template has; "zh-CN" by default.
    Result<void> set_default_locale(std::string locale);

    bool contains(std::string_view name) const;
    /// The template names, sorted.
    std::vector<std::string> names() const;
    /// The locales `name` has, sorted; empty for an unknown name.
    std::vector<std::string> locales(std::string_view name) const;
    const std::string& default_locale() const noexcept { return default_locale_; }
    const std::map<std::string, std::string, std::less<>>& variables() const noexcept {
        return variables_;
    }

    /// The variant of `name` for `locale`: that locale, else the same language ("zh-TW" → "zh-CN",
    /// "en-GB" → "en"), else the default locale, else the first. None for an unknown name.
    std::optional<std::string> choose_locale(std::string_view name, std::string_view locale) const;

    /// Renders `name` for a recipient in `locale`, the set's variables added to `context`.
    /// `not_found` for an unknown name.
    Result<RenderedMessage> render(std::string_view name, std::string_view locale,
                                   const TemplateContext& context) const;

    friend bool operator==(const TemplateSet& a, const TemplateSet& b) {
        return a.default_locale_ == b.default_locale_ && a.variables_ == b.variables_ &&
               a.templates_ == b.templates_;
    }

  private:
    bool known(std::string_view placeholder) const;

    std::string default_locale_ = "zh-CN";
    std::map<std::string, std::string, std::less<>> variables_;
    /// name → locale → template
    std::map<std::string, std::map<std::string, MessageTemplate, std::less<>>, std::less<>>
        templates_;
};

}  // namespace ticketflow::notify
