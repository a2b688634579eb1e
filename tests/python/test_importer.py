"""ticketflow.importer from Python: CSV logs, strict mappings, and replays with their reports."""
import datetime as dt
import os
import pathlib

import pytest

import ticketflow as tf

LOG = (
    "case,time,activity,who,impact\n"
    "A,2024-03-01 09:00:00,Insert,,Low\n"
    "B,2024-03-01 08:30:00,Work,ann,High\n"
    "A,2024-03-01 09:10:00,Work,bob,Low\n"
    "A,2024-03-01 09:20:00,Resolve,bob,Low\n"
    "B,2024-03-01 09:40:00,Close,ann,High\n"
)

MAPPING = {
    "notes": "a tiny desk",
    "case": "case",
    "timestamp": {"column": "time", "format": "%Y-%m-%d %H:%M:%S", "zone": "UTC"},
    "activity": "activity",
    "resource": "who",
    "priority": {"column": "impact", "values": {"Low": "low", "High": "high"}},
    "follow": {"owner": True},
    "activities": {
        "Insert": {"open": True},
        "Work": {"event": "start"},
        "Resolve": {"event": "resolve", "solution": "fixed by {who}"},
        "Close": {"event": "close", "reason": "done"},
    },
}


def test_reads_csv_text_by_column_name():
    table = tf.importer.parse_csv("\ufeffa,b\r\n1,\"x, \"\"y\"\"\"\r\n")
    assert table.columns == ["a", "b"]
    assert len(table) == 1
    assert table.field(0, table.column("b")) == 'x, "y"'
    assert table.line(0) == 2


def test_a_malformed_row_names_its_line_and_column():
    with pytest.raises(tf.ValidationError) as raised:
        tf.importer.parse_csv("a,b\n1,2\n3,\"open\n")
    assert raised.value.field == "line 3, column 2"


def test_a_mapping_mistake_names_its_json_path():
    mapping = dict(MAPPING, activities={"Work": {"event": "teleport"}})
    with pytest.raises(tf.ValidationError) as raised:
        tf.importer.Mapping.from_dict(mapping)
    assert raised.value.field == "activities.Work.event"
    with pytest.raises(tf.ValidationError) as unknown:
        tf.importer.Mapping.from_dict(dict(MAPPING, cases="typo"))
    assert unknown.value.field == "cases"


def test_replays_a_log_into_a_store_and_reports_refusals():
    mapping = tf.importer.Mapping.from_dict(MAPPING)
    seen = []
    report = tf.importer.replay(tf.importer.parse_csv(LOG), mapping, store=tf.MemoryStore(),
                                progress=lambda done, total: seen.append((done, total)),
                                progress_every=2)
    assert (report.cases, report.rows, report.tickets_opened) == (2, 5, 2)
    assert report.commands_refused == 1
    assert report.share_without_refusal == 0.5
    [refusal] = report.refusals
    assert (refusal.state, refusal.event, refusal.code) == (
        tf.TicketState.in_progress, "close", tf.ErrorCode.permission_denied)
    assert refusal.example_cases == ["B"]
    assert seen[-1] == (5, 5)
    assert report.first_event == dt.datetime(2024, 3, 1, 8, 30, tzinfo=dt.timezone.utc)
    assert isinstance(report.elapsed, dt.timedelta)
    assert "cases without a refusal 1 of 2" in report.summary()
    assert report.to_dict()["refusals"][0]["examples"] == ["B"]


def test_replays_through_an_engine_on_its_manual_clock():
    clock = tf.ManualClock(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
    engine = tf.Engine(tf.MemoryStore(), clock)
    mapping = tf.importer.Mapping.from_dict(MAPPING)
    report = tf.importer.replay(tf.importer.parse_csv(LOG), mapping, engine=engine, clock=clock)
    assert report.tickets_opened == 2
    assert clock.now() == dt.datetime(2024, 3, 1, 9, 40, tzinfo=dt.timezone.utc)
    resolved = [t for t in engine.find(tf.TicketQuery()).items if t.state == tf.TicketState.resolved]
    assert [t.solution for t in resolved] == ["fixed by bob"]
    with pytest.raises(ValueError):
        tf.importer.replay(tf.importer.parse_csv(LOG), mapping, engine=engine)


def test_a_log_that_does_not_fit_the_mapping_is_refused_before_any_command():
    mapping = tf.importer.Mapping.from_dict(
        dict(MAPPING, timestamp={"column": "when", "format": "iso8601"}))
    with pytest.raises(tf.ValidationError) as raised:
        tf.importer.replay(tf.importer.parse_csv(LOG), mapping, store=tf.MemoryStore())
    assert raised.value.field == "timestamp.column"


@pytest.mark.parametrize("name", ["helpdesk", "bpi2013"])
def test_the_shipped_mappings_load(source_dir, name):
    mapping = tf.importer.read_mapping(str(source_dir / "examples" / "import" / f"{name}.mapping.json"))
    assert mapping.notes
    assert mapping.activities


SHARED_LOGS = {
    "helpdesk": "helpdesk-italian-software-company.csv",
    "bpi2013": "bpi-challenge-2013-incidents-volvo-it.zip",
}


def shared_data_file(source_dir, name):
    folder = pathlib.Path(os.environ.get("TICKETFLOW_SHARED_DATA_DIR",
                                         source_dir.parent / "shared" / "data"))
    path = folder / SHARED_LOGS[name]
    if not path.exists():
        message = f"{path} is missing: this test needs the shared data folder beside the project"
        if os.environ.get("TICKETFLOW_REQUIRE_SHARED_DATA", "0") not in ("", "0"):
            pytest.fail(message + " (TICKETFLOW_REQUIRE_SHARED_DATA is set)")
        pytest.skip(message)
    return path


@pytest.mark.parametrize("name", ["helpdesk", "bpi2013"])
def test_the_shared_logs_replay_with_the_shipped_mappings(source_dir, name):
    path = shared_data_file(source_dir, name)
    mapping = tf.importer.read_mapping(str(source_dir / "examples" / "import" / f"{name}.mapping.json"))
    log = tf.importer.read_log(str(path), mapping)
    report = tf.importer.replay(log, mapping, store=tf.MemoryStore())
    print(report.summary())
    assert report.rows == len(log)
    assert report.tickets_opened == report.cases
    assert not report.unmapped
    assert report.share_without_refusal >= 0.99
