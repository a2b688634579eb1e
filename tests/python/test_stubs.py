"""The generated type stubs (_ticketflow.pyi) are valid Python and say what the module does."""
import ast
import subprocess
import sys

import pytest

import ticketflow as tf


@pytest.fixture(scope="module")
def stub_text(package_dir):
    return (package_dir / "_ticketflow.pyi").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def stub(stub_text):
    return ast.parse(stub_text, filename="_ticketflow.pyi")


def classes(tree):
    return {node.name: node for node in tree.body if isinstance(node, ast.ClassDef)}


def members(cls):
    """name → node for a stub class's functions and annotated attributes."""
    found = {}
    for node in cls.body:
        if isinstance(node, ast.FunctionDef):
            found[node.name] = node
        elif isinstance(node, ast.AnnAssign):
            found[node.target.id] = node
        elif isinstance(node, ast.ClassDef):
            found[node.name] = node
    return found


def signature(function):
    """`(a: T, *, b: U = ...) -> R` of a stub function, as text."""
    return f"({ast.unparse(function.args)}) -> {ast.unparse(function.returns)}"


def decorators(function):
    return [ast.unparse(decorator) for decorator in function.decorator_list]


def test_the_stub_parses_and_declares_every_public_class(stub):
    declared = classes(stub)
    public = {name for name in dir(tf._ticketflow)
              if isinstance(getattr(tf._ticketflow, name), type) and not name.startswith("_")}
    assert public <= set(declared)
    assert "lifecycle" in declared


def test_engine_commands_have_typed_parameters(stub):
    engine = members(classes(stub)["Engine"])
    assert signature(engine["resolve"]) == (
        "(self, ticket: int, actor: Actor, solution: str) -> Ticket")
    assert signature(engine["reopen"]) == (
        "(self, ticket: int, actor: Actor, reason: str, approved_by: Actor | None=...) -> Ticket")
    assert signature(engine["allowed_events"]) == (
        "(self, ticket: int, actor: Actor) -> list[LifecycleEvent]")
    assert signature(engine["__init__"]) == (
        "(self, store: Store, clock: Clock, config: EngineConfig=...) -> None")
    assert decorators(engine["config"]) == ["property"]


def test_every_cpp_engine_command_is_in_the_stub(stub, engine_commands):
    engine = members(classes(stub)["Engine"])
    assert [name for name in engine_commands if name not in engine] == []


def test_value_classes_take_their_fields_by_keyword(stub):
    init = members(classes(stub)["TicketDraft"])["__init__"]
    assert [arg.arg for arg in init.args.args] == ["self"]
    keywords = {arg.arg: ast.unparse(arg.annotation) for arg in init.args.kwonlyargs}
    assert list(keywords) == list(tf.TicketDraft._fields)
    assert keywords["priority"] == "Priority"
    assert keywords["occurred_at"] == "datetime.datetime | None"
    assert keywords["attachments"] == "list[Attachment]"


def test_fields_are_typed_from_their_getters(stub):
    ticket = members(classes(stub)["Ticket"])
    assert ast.unparse(ticket["satisfaction"].annotation) == "Satisfaction | None"
    assert ast.unparse(ticket["created_at"].annotation) == "datetime.datetime"
    assert ast.unparse(ticket["collaborators"].annotation) == "list[str]"
    query = members(classes(stub)["TicketQuery"])
    assert ast.unparse(query["state"].annotation) == "TicketState | None"


def test_read_only_properties_are_properties(stub):
    number_format = members(classes(stub)["TicketNumberFormat"])
    assert decorators(number_format["max_sequence"]) == ["property"]
    assert signature(number_format["max_sequence"]) == "(self) -> int"


def test_json_methods_are_declared_with_from_dict_as_a_classmethod(stub):
    ticket = members(classes(stub)["Ticket"])
    assert signature(ticket["to_dict"]) == "(self) -> dict[str, typing.Any]"
    assert decorators(ticket["from_dict"]) == ["classmethod"]
    assert signature(ticket["from_dict"]) == "(cls, document: dict[str, typing.Any]) -> Ticket"
    assert "to_dict" not in members(classes(stub)["TicketQuery"])


def test_enums_are_str_enums_with_their_members(stub):
    state = classes(stub)["TicketState"]
    assert [ast.unparse(base) for base in state.bases] == ["enum.StrEnum"]
    assert [node.targets[0].id for node in state.body if isinstance(node, ast.Assign)] == [
        member.name for member in tf.TicketState]


def test_the_lifecycle_submodule_has_its_functions_and_classes(stub):
    lifecycle = members(classes(stub)["lifecycle"])
    assert signature(lifecycle["fire"]) == (
        "(state: TicketState, event: LifecycleEvent, input: lifecycle.Input,"
        " profile: lifecycle.Profile=...) -> lifecycle.Transition")
    assert decorators(lifecycle["fire"]) == ["staticmethod"]
    assert {"Input", "Rule", "Transition", "Profile", "Status", "StatusCatalog", "AutoClose",
            "Workflow", "allowed_events", "transition_table", "mermaid_diagram"} <= set(lifecycle)


def test_vague_pybind_types_are_replaced_by_what_the_code_accepts(stub):
    clock = members(classes(stub)["ManualClock"])
    assert signature(clock["advance"]) == "(self, delta: datetime.timedelta) -> None"
    zone = members(classes(stub)["TimeZone"])
    assert ast.unparse(zone["to_local"].returns) == "datetime.datetime"


def test_defaults_are_ellipses_not_object_reprs(stub_text, stub):
    for node in ast.walk(stub):
        if isinstance(node, ast.arguments):
            for default in node.defaults + [d for d in node.kw_defaults if d is not None]:
                assert ast.unparse(default) == "..."
    assert " object at 0x" not in stub_text


def test_the_built_stub_matches_what_the_generator_writes_now(stub_text, source_dir, tmp_path):
    """Fails when make_stubs.py changed but the build did not rerun it."""
    fresh = tmp_path / "_ticketflow.pyi"
    tool = source_dir / "bindings" / "python" / "tools" / "make_stubs.py"
    subprocess.run([sys.executable, str(tool), str(fresh)], check=True)
    assert fresh.read_text(encoding="utf-8") == stub_text
