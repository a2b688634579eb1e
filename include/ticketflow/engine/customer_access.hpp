#pragma once
/// \file
/// Which customer a customer actor speaks for. A customer may act only on their own tickets; what
/// "their own" means is the application's to say: a login may stand for a company, or several
/// contacts for one customer.

#include <memory>

#include <ticketflow/core/audit.hpp>
#include <ticketflow/core/ticket.hpp>

namespace ticketflow {

/// Decides whether a customer actor acts for a ticket's customer. Asked on every command a
/// customer gives (open, confirm, reject, cancel, notes…): keep it fast. An exception out of an
/// implementation counts as a no.
///
///     class ContactsOfAccount : public CustomerAccess {
///         bool acts_for(const Actor& a, const Customer& c) const override {
///             return account_of(a.id) == c.id.value();
///         }
///     };
class CustomerAccess {
  public:
    virtual ~CustomerAccess() = default;
    virtual bool acts_for(const Actor& actor, const Customer& customer) const = 0;
};

/// The default: a customer actor acts for the customer with the same id
/// (`Actor::customer("c-42")` for the customer whose id is "c-42").
class SameIdCustomerAccess final : public CustomerAccess {
  public:
    bool acts_for(const Actor& actor, const Customer& customer) const override {
        return actor.id.value() == customer.id.value();
    }
};

}  // namespace ticketflow
