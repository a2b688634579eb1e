// Storage: the Store interface (a Python subclass can be a store), the memory store, queries, and
// batches (`with store.batch():`).
#include <pybind11/functional.h>

#include <ticketflow/storage/memory_store.hpp>
#include <ticketflow/storage/store.hpp>

#include "batch_scope.hpp"
#include "bindings.hpp"
#include "value_class.hpp"

namespace ticketflow::python {
namespace {

/// Lets a Python class derived from ticketflow.Store be the engine's store. Each call takes the
/// GIL (the engine may call from any thread, with the GIL released), and a ticketflow.Error the
/// Python method raises comes back to the engine as an Error value, as from any C++ store.
class PyStore : public Store {
  public:
    Result<Ticket> create(const TicketCreation& creation) override {
        return call<Ticket>("create", creation);
    }
    Result<void> update(const TicketUpdate& update) override {
        return call<void>("update", update);
    }
    Result<Ticket> load(TicketId id) const override { return call<Ticket>("load", id); }
    Result<Ticket> load_by_number(std::string_view number) const override {
        return call<Ticket>("load_by_number", std::string(number));
    }
    Result<Page<Ticket>> find(const TicketQuery& query) const override {
        return call<Page<Ticket>>("find", query);
    }
    Result<std::vector<AuditEvent>> audit_trail(TicketId id) const override {
        return call<std::vector<AuditEvent>>("audit_trail", id);
    }
    Result<std::uint64_t> next_sequence(std::string_view key) override {
        return call<std::uint64_t>("next_sequence", std::string(key));
    }
    // Optional in Python: a store that keeps Python objects has nothing to decode, so nothing
    // that can be damaged; one over files or a database overrides it.
    Result<std::vector<DamagedRecord>> verify() const override {
        if (!has_override("verify")) return std::vector<DamagedRecord>{};
        return call<std::vector<DamagedRecord>>("verify");
    }
    Result<std::vector<OutboxEntry>> lease_outbox(const OutboxLease& lease) override {
        return call<std::vector<OutboxEntry>>("lease_outbox", lease);
    }
    Result<OutboxEntry> settle_outbox(const OutboxAttempt& attempt) override {
        return call<OutboxEntry>("settle_outbox", attempt);
    }
    Result<OutboxEntry> redrive_outbox(std::uint64_t entry, Timestamp now) override {
        return call<OutboxEntry>("redrive_outbox", entry, now);
    }
    Result<std::vector<OutboxEntry>> outbox(const OutboxQuery& query) const override {
        return call<std::vector<OutboxEntry>>("outbox", query);
    }

  protected:
    // Optional in Python: a store without them stores each unit of a batch on its own.
    Result<void> begin_batch() override {
        if (!has_override("begin_batch")) return {};
        return call<void>("begin_batch");
    }
    Result<void> commit_batch() override {
        if (!has_override("commit_batch")) return {};
        return call<void>("commit_batch");
    }
    void roll_back_batch() noexcept override {
        py::gil_scoped_acquire gil;
        try {
            if (has_override("roll_back_batch")) (void)call<void>("roll_back_batch");
        } catch (py::error_already_set& raised) {
            raised.discard_as_unraisable("ticketflow.Store.roll_back_batch");
        } catch (...) {
            // Nothing can be reported from here; the batch is over either way.
        }
    }

  private:
    bool has_override(const char* name) const {
        py::gil_scoped_acquire gil;
        return static_cast<bool>(py::get_override(static_cast<const Store*>(this), name));
    }

    template <class T, class... Args>
    Result<T> call(const char* name, const Args&... args) const {
        py::gil_scoped_acquire gil;
        const py::function override = py::get_override(static_cast<const Store*>(this), name);
        if (!override) {
            throw py::type_error(std::string("Store subclass does not implement ") + name + "()");
        }
        try {
            // Copies, so a store that keeps what it was given never holds a dangling reference.
            py::object returned = override(py::cast(args, py::return_value_policy::copy)...);
            if constexpr (std::is_void_v<T>) {
                return {};
            } else {
                return returned.cast<T>();
            }
        } catch (py::error_already_set& raised) {
            if (auto error = error_from_python(raised)) return *error;
            throw;
        }
    }
};

void bind_queries(py::module_& m) {
    ValueClass<TicketQuery>(m, "TicketQuery",
                            "Which tickets a query wants; unset filters match everything.")
        .field("state", &TicketQuery::state, "TicketState or None.")
        .field("owner", &TicketQuery::owner, "Agent id or None.")
        .field("team", &TicketQuery::team, "Team id or None.")
        .field("priority", &TicketQuery::priority, "Priority or None.")
        .field("customer", &TicketQuery::customer, "Customer id or None.")
        .field("after", &TicketQuery::after,
               "Only ids greater than this (the last page's next_after).")
        .field("limit", &TicketQuery::limit, "Page size, 1 to 1000.")
        .done()
        .def("matches", &TicketQuery::matches, py::arg("ticket"));
    ValueClass<Page<Ticket>>(m, "TicketPage", "One page of query results.")
        .field("items", &Page<Ticket>::items, "list of Ticket.")
        .field("next_after", &Page<Ticket>::next_after,
               "Pass as TicketQuery.after; None at the end.")
        .field("damaged", &Page<Ticket>::damaged,
               "Ids of tickets in this page's range whose stored record cannot be read back: "
               "left out of items (see Store.verify).")
        .done();
}

void bind_damage(py::module_& m) {
    bind_enum<RecordKind>(m, "RecordKind",
                          "Which kind of stored record is damaged: ticket, sla_record, "
                          "audit_event or outbox_entry.");
    ValueClass<DamagedRecord>(m, "DamagedRecord",
                              "A stored record that cannot be read back, as Store.verify() "
                              "reports it; reads of its ticket raise CorruptRecord.")
        .field("ticket", &DamagedRecord::ticket, "The ticket's id.")
        .field("kind", &DamagedRecord::kind, "RecordKind.")
        .field("row", &DamagedRecord::row,
               "The audit event's sequence or the outbox entry's id; 0 for the ticket's row.")
        .field("what", &DamagedRecord::what, "Why it cannot be read.")
        .done();
}

// A Python callable as a TicketCreation's number_for: called with the GIL, and a ticketflow.Error
// it raises aborts the creation like any C++ error.
std::function<Result<std::string>(std::uint64_t)> number_function(py::function number_for) {
    return [number_for = std::move(number_for)](std::uint64_t sequence) -> Result<std::string> {
        py::gil_scoped_acquire gil;
        try {
            return number_for(sequence).cast<std::string>();
        } catch (py::error_already_set& raised) {
            if (auto error = error_from_python(raised)) return *error;
            throw;
        }
    };
}

void bind_units_of_work(py::module_& m) {
    py::class_<TicketCreation>(m, "TicketCreation", "Opening a ticket, as one atomic unit.")
        .def(py::init([](Ticket ticket, std::vector<AuditEvent> events, std::string sequence_key,
                         py::function number_for, std::vector<OutboxMessage> outbox,
                         std::function<std::vector<OutboxMessage>(const Ticket&)> outbox_for) {
                 return TicketCreation{
                     std::move(ticket),       std::move(events),
                     std::move(sequence_key), number_function(std::move(number_for)),
                     std::move(outbox),       std::move(outbox_for)};
             }),
             py::arg("ticket"), py::arg("events"), py::arg("sequence_key"), py::arg("number_for"),
             py::arg("outbox") = std::vector<OutboxMessage>{}, py::arg("outbox_for") = py::none(),
             "number_for(sequence) -> str formats the allocated sequence value as the number; "
             "outbox_for(stored_ticket) -> list[OutboxMessage], if given, adds notifications that "
             "quote the number.")
        .def_readonly("ticket", &TicketCreation::ticket,
                      "The ticket; id and number to be assigned.")
        .def_readonly("events", &TicketCreation::events, "Its first audit events.")
        .def_readonly("sequence_key", &TicketCreation::sequence_key, "The counter to draw from.")
        .def_readonly("outbox", &TicketCreation::outbox, "Notifications stored with it.")
        .def(
            "number_for",
            [](const TicketCreation& self, std::uint64_t sequence) {
                return self.number_for(sequence);
            },
            py::arg("sequence"), "The number for an allocated sequence value; may raise.")
        .def(
            "outbox_for",
            [](const TicketCreation& self, const Ticket& stored) {
                return self.outbox_for ? self.outbox_for(stored) : std::vector<OutboxMessage>{};
            },
            py::arg("stored"),
            "The notifications that quote what the store assigned (id, number): a store written "
            "in Python stores them with `outbox` once it has numbered the ticket.");
    py::class_<TicketUpdate>(m, "TicketUpdate", "Changing a ticket, as one atomic unit.")
        .def(py::init<Ticket, Version, std::vector<AuditEvent>, std::vector<OutboxMessage>>(),
             py::arg("ticket"), py::arg("expected_version"),
             py::arg("events") = std::vector<AuditEvent>{},
             py::arg("outbox") = std::vector<OutboxMessage>{})
        .def_readonly("ticket", &TicketUpdate::ticket, "The new snapshot (version = expected + 1).")
        .def_readonly("expected_version", &TicketUpdate::expected_version)
        .def_readonly("events", &TicketUpdate::events, "Audit events to append.")
        .def_readonly("outbox", &TicketUpdate::outbox, "Notifications stored with it.");
}

using StoreBatchScope = BatchScope<Store, StoreBatch>;

void bind_stores(py::module_& m) {
    // The calls release the GIL: a C++ store may wait (for the disk, or for another thread's
    // batch, which may need the GIL to end); a Python store takes it back for its methods.
    using Release = py::call_guard<py::gil_scoped_release>;
    StoreBatchScope::bind(m, "StoreBatch",
                          "A batch of units of work on a store; see Store.batch().");
    py::class_<Store, PyStore, std::shared_ptr<Store>>(
        m, "Store",
        "Where tickets, audit trails and number sequences live. Subclass it to write a store in "
        "Python; raise ticketflow errors (NotFound, VersionConflict, …) for expected failures. "
        "To make batches atomic, implement begin_batch(), commit_batch() and roll_back_batch() "
        "for the calling thread; without them each unit of a batch is stored on its own.")
        .def(py::init<>())
        .def("create", &Store::create, py::arg("creation"), Release())
        .def("update", &Store::update, py::arg("update"), Release())
        .def("load", &Store::load, py::arg("id"), Release())
        .def("load_by_number", &Store::load_by_number, py::arg("number"), Release())
        .def("find", &Store::find, py::arg("query"), Release(),
             "One page of tickets matching query; damaged ones are listed in page.damaged.")
        .def("audit_trail", &Store::audit_trail, py::arg("id"), Release(),
             "The ticket's audit events; raises CorruptRecord when one cannot be read.")
        .def("next_sequence", &Store::next_sequence, py::arg("key"), Release())
        .def("verify", &Store::verify, Release(),
             "Every stored record that cannot be read back (list of DamagedRecord); empty for a "
             "healthy store. Reads the whole store. A Python store need not implement it.")
        .def("lease_outbox", &Store::lease_outbox, py::arg("lease"), Release(),
             "Leases due, unleased pending entries to lease.owner, soonest due first.")
        .def("settle_outbox", &Store::settle_outbox, py::arg("attempt"), Release(),
             "Records a delivery attempt and releases the lease; returns the entry.")
        .def("redrive_outbox", &Store::redrive_outbox, py::arg("entry"), py::arg("now"), Release(),
             "Makes a dead entry pending again, due at now.")
        .def("outbox", &Store::outbox, py::arg("query") = OutboxQuery{}, Release(),
             "Outbox entries matching query, by ascending id.")
        .def(
            "batch", [](Store& self) { return std::make_unique<StoreBatchScope>(self); },
            py::keep_alive<0, 1>(),
            R"doc(A batch: the units of work this thread writes inside the block go into one
transaction, committed when the block ends.

    with store.batch():
        for creation in creations:
            store.create(creation)   # a refused unit changes nothing; the batch goes on

Reads inside see the batch's own writes. An exception leaving the block rolls the whole batch
back (and goes on); a commit that fails raises StorageError, and nothing of the batch is stored.
Other threads' writes wait for the batch. A batch inside a batch raises ValidationError.)doc");
    py::class_<MemoryStore, Store, std::shared_ptr<MemoryStore>>(
        m, "MemoryStore", "Keeps everything in process memory; thread-safe.")
        .def(py::init<>());
}

}  // namespace

void bind_storage(py::module_& m) {
    bind_queries(m);
    bind_damage(m);
    bind_units_of_work(m);
    bind_stores(m);
}

}  // namespace ticketflow::python
