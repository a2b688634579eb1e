"""The Python Engine offers every public command of the C++ Engine, and help() documents them."""
import inspect
import pydoc
import re

import ticketflow as tf


def test_the_header_declares_a_non_trivial_list_of_commands(engine_commands):
    assert len(engine_commands) >= 25
    assert len(set(engine_commands)) == len(engine_commands)
    assert {"open", "fire", "resolve", "attach", "find", "allowed_events"} <= set(engine_commands)


def test_every_cpp_engine_command_is_a_method_of_the_python_engine(engine_commands):
    missing = [name for name in engine_commands if not callable(getattr(tf.Engine, name, None))]
    assert missing == []


def test_every_engine_command_takes_the_cpp_parameters_by_keyword(engine, opened, owner,
                                                                  supervisor):
    engine.assign(ticket=opened.id, actor=supervisor, assignee="eng-li", team="l1")
    started = engine.start(ticket=opened.id, actor=owner)
    assert started.state == tf.TicketState.in_progress
    assert engine.resolve(opened.id, owner, solution="修好").solution == "修好"


def test_every_engine_command_has_a_docstring_beyond_its_signature(engine_commands):
    undocumented = []
    for name in engine_commands:
        doc = inspect.getdoc(getattr(tf.Engine, name)) or ""
        prose = [line for line in doc.splitlines()[1:] if line.strip()]
        if not prose:
            undocumented.append(name)
    assert undocumented == []


def test_help_on_the_engine_lists_the_commands_with_signatures_and_docs(engine_commands):
    text = pydoc.render_doc(tf.Engine, renderer=pydoc.plaintext)
    assert "The ticket workflow engine." in text
    for name in engine_commands:
        assert f"{name}(self: ticketflow._ticketflow.Engine" in text, name
    assert "The owner starts work: assigned → in_progress." in text
    assert "The customer confirms with a score from 1 to 5" in text
    assert "resolve(self: ticketflow._ticketflow.Engine, ticket: int, actor: " \
           "ticketflow._ticketflow.Actor, solution: str)" in text


def test_help_on_the_package_describes_it():
    text = pydoc.render_doc(tf, renderer=pydoc.plaintext)
    assert "embeddable workflow engine" in text
    assert "naive ones are refused" in text


def test_the_package_exports_its_classes_and_version():
    for name in ("Engine", "MemoryStore", "Store", "Clock", "ManualClock", "SystemClock", "Ticket",
                 "TicketDraft", "AuditEvent", "TicketQuery", "EngineConfig", "TimeZone",
                 "TicketNumberFormat", "Error", "NotFound", "lifecycle"):
        assert hasattr(tf, name), name
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", tf.__version__)
