"""Shared fixtures: an engine over a memory store on virtual time, a draft written in Chinese, the
actors of a ticket's life, and a way to bring a fresh ticket into any lifecycle state."""
import copy
import datetime as dt
import os
import pathlib
import re

import pytest

import ticketflow as tf

SHANGHAI = dt.timezone(dt.timedelta(hours=8), "CST")
# 2023-10-01 08:00 in Shanghai is 2023-10-01T00:00:00Z: ticket numbers carry the date 20231001.
START = dt.datetime(2023, 10, 1, 8, 0, tzinfo=SHANGHAI)


def make_draft(title="打印机卡纸 / printer jams"):
    """A valid draft; `title` tells tickets apart."""
    return tf.TicketDraft(
        customer=tf.Customer(id="cust-1001", name="华东精密制造有限公司", contact_person="王工",
                             email="service@example.com", tier=tf.CustomerTier.vip),
        product=tf.Product(model="LP-3200", serial_number="LP3200-000917"),
        channel=tf.Channel.phone,
        title=title,
        description="固件升级后每隔一页就卡纸。Paper jams on every second page.",
        category="hardware_fault",
        keywords=["卡纸", "firmware"],
        priority=tf.Priority.high)


@pytest.fixture
def clock():
    return tf.ManualClock(START)


@pytest.fixture
def store():
    return tf.MemoryStore()


@pytest.fixture
def engine(store, clock):
    return tf.Engine(store, clock)


@pytest.fixture
def draft():
    return make_draft()


@pytest.fixture
def customer():
    return tf.Actor.customer("cust-1001")


@pytest.fixture
def owner():
    """The agent who owns tickets brought into a state by `ticket_in`."""
    return tf.Actor.agent("eng-li")


@pytest.fixture
def supervisor():
    return tf.Actor.supervisor("lead-zhang")


@pytest.fixture
def opened(engine, draft, customer):
    """A freshly opened ticket."""
    return engine.open(draft, customer)


@pytest.fixture
def ticket_in(engine, draft, customer, owner, supervisor):
    """`ticket_in(state)`: a fresh ticket brought into `state` the usual way, owned by `owner`."""

    def bring(state):
        state = tf.TicketState(state)
        ticket = engine.open(copy.copy(draft), customer)
        if state == tf.TicketState.new:
            return ticket
        if state == tf.TicketState.escalated:
            return engine.escalate(ticket.id, owner, "needs tier 2")
        if state == tf.TicketState.cancelled:
            return engine.cancel(ticket.id, customer, "duplicate")
        ticket = engine.assign(ticket.id, supervisor, owner.id)
        if state == tf.TicketState.assigned:
            return ticket
        ticket = engine.start(ticket.id, owner)
        if state == tf.TicketState.in_progress:
            return ticket
        if state == tf.TicketState.waiting:
            return engine.request_info(ticket.id, owner, "Which firmware version?")
        ticket = engine.resolve(ticket.id, owner, "Replaced the fuser")
        if state == tf.TicketState.resolved:
            return ticket
        return engine.confirm(ticket.id, customer, 4, "ok")

    return bring


@pytest.fixture(scope="session")
def source_dir():
    """The repository (ctest sets TICKETFLOW_SOURCE_DIR; otherwise two folders up)."""
    return pathlib.Path(os.environ.get("TICKETFLOW_SOURCE_DIR", pathlib.Path(__file__).parents[2]))


@pytest.fixture(scope="session")
def build_dir():
    """The CMake build tree whose package is imported (build/<x>/python/ticketflow/…)."""
    if "TICKETFLOW_BUILD_DIR" in os.environ:
        return pathlib.Path(os.environ["TICKETFLOW_BUILD_DIR"])
    return pathlib.Path(tf.__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def package_dir():
    """The imported ticketflow package folder (the extension, the .py files and the stubs)."""
    return pathlib.Path(tf.__file__).resolve().parent


@pytest.fixture(scope="session")
def engine_commands(source_dir):
    """The public commands of the C++ Engine: every `Result<…> name(` and `std::vector<…> name(`
    member declared in include/ticketflow/engine.hpp."""
    header = (source_dir / "include" / "ticketflow" / "engine.hpp").read_text(encoding="utf-8")
    body = re.search(r"^class Engine \{(.*?)^\};", header, re.S | re.M).group(1)
    return re.findall(r"^\s*(?:Result|std::vector)<.*>\s+(\w+)\(", body, re.M)
