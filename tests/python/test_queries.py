"""Queries: find with TicketQuery filters a page at a time, find_by_number, allowed_events."""
import pytest

import ticketflow as tf


@pytest.fixture
def titled(engine, draft, customer):
    """Opens tickets with the given titles, in order."""

    def open_titled(*titles):
        for title in titles:
            draft.title = title
            yield engine.open(draft, customer)

    return lambda *titles: list(open_titled(*titles))


def every_page(engine, query):
    """Follows next_after to the end; yields each page's titles."""
    while True:
        page = engine.find(query)
        yield [ticket.title for ticket in page.items]
        if page.next_after is None:
            return
        query.after = page.next_after


def test_paging_with_next_after_visits_every_match_once_in_id_order(engine, titled):
    titled("工单0", "工单1", "工单2", "工单3", "工单4")
    pages = list(every_page(engine, tf.TicketQuery(state=tf.TicketState.new, limit=2)))
    assert pages == [["工单0", "工单1"], ["工单2", "工单3"], ["工单4"]]


def test_a_page_reports_its_last_id_as_next_after(engine, titled):
    first, second, _ = titled("a", "b", "c")
    page = engine.find(tf.TicketQuery(limit=2))
    assert isinstance(page, tf.TicketPage)
    assert [t.id for t in page.items] == [first.id, second.id]
    assert page.next_after == second.id


def test_the_last_page_has_no_next_after(engine, titled):
    titled("only")
    assert engine.find(tf.TicketQuery()).next_after is None


@pytest.fixture
def mixed(engine, draft, ticket_in, supervisor):
    """Five tickets, each titled after what sets it apart."""
    for title, state in [("new", "new"), ("assigned", "assigned"), ("in_progress", "in_progress"),
                         ("low", "new")]:
        draft.title = title
        ticket = ticket_in(state)
        if title == "in_progress":
            engine.reassign(ticket.id, supervisor, "eng-li", "team move", "l1")
        if title == "low":
            engine.change_priority(ticket.id, supervisor, "low", "可以等")
    draft.title, draft.customer = "other", tf.Customer(id="cust-2002", name="另一家公司")
    engine.open(draft, tf.Actor.customer("cust-2002"))


@pytest.mark.parametrize("query, titles", [
    (tf.TicketQuery(state="assigned"), ["assigned"]),
    (tf.TicketQuery(owner="eng-li"), ["assigned", "in_progress"]),
    (tf.TicketQuery(owner="eng-li", state="in_progress"), ["in_progress"]),
    (tf.TicketQuery(priority="low"), ["low"]),
    (tf.TicketQuery(priority="high", state="new"), ["new", "other"]),
    (tf.TicketQuery(customer="cust-2002"), ["other"]),
    (tf.TicketQuery(customer="nobody"), []),
    (tf.TicketQuery(team="l1"), ["in_progress"]),
])
def test_filters_must_all_match(engine, mixed, query, titles):
    assert [ticket.title for ticket in engine.find(query).items] == titles


def test_a_query_can_be_tested_against_a_ticket_directly(opened):
    assert tf.TicketQuery(state="new", priority="high").matches(opened)
    assert not tf.TicketQuery(owner="eng-li").matches(opened)


@pytest.mark.parametrize("limit", [0, 1001])
def test_a_page_size_out_of_range_is_a_validation_error(engine, limit):
    with pytest.raises(tf.ValidationError) as raised:
        engine.find(tf.TicketQuery(limit=limit))
    assert raised.value.field == "limit"


def test_find_without_a_query_returns_the_first_page(engine, titled):
    titled("a", "b")
    assert [t.title for t in engine.find().items] == ["a", "b"]


def test_find_by_number_returns_that_ticket(engine, titled):
    _, second = titled("a", "b")
    assert engine.find_by_number("HT202310010002") == second


def test_allowed_events_list_what_the_actor_may_fire_now(engine, opened, customer, supervisor):
    assert engine.allowed_events(opened.id, customer) == [tf.LifecycleEvent.cancel]
    assert set(engine.allowed_events(opened.id, supervisor)) == {
        tf.LifecycleEvent.assign, tf.LifecycleEvent.claim, tf.LifecycleEvent.start,
        tf.LifecycleEvent.request_info, tf.LifecycleEvent.hold, tf.LifecycleEvent.escalate,
        tf.LifecycleEvent.resolve, tf.LifecycleEvent.close, tf.LifecycleEvent.cancel,
        tf.LifecycleEvent.transfer, tf.LifecycleEvent.set_status}


def test_a_page_names_no_damaged_tickets_on_a_healthy_store_and_compares_them(engine, draft,
                                                                             customer):
    engine.open(draft, customer)
    page = engine.find()
    assert page.damaged == []
    other = tf.TicketPage(items=page.items, next_after=page.next_after, damaged=[7])
    assert other != page
    other.damaged = []
    assert other == page
