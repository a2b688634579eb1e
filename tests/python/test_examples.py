"""examples/python/quickstart.py runs, and prints exactly what its C++ twin prints."""
import os
import subprocess
import sys

import pytest


def run_in(folder, command):
    """Runs a quickstart in an empty folder of its own, on a new database file there."""
    folder.mkdir()
    return subprocess.run(command + ["demo.db"], capture_output=True, text=True, env=os.environ,
                          cwd=folder, check=True).stdout


@pytest.fixture(scope="module")
def python_output(source_dir, tmp_path_factory):
    example = source_dir / "examples" / "python" / "quickstart.py"
    return run_in(tmp_path_factory.mktemp("py") / "run", [sys.executable, str(example)])


def test_the_python_quickstart_closes_its_ticket_and_prints_the_trail(python_output):
    assert python_output.startswith("demo.db holds 0 tickets\n")
    assert python_output.endswith("demo.db holds 1 tickets\n")
    assert "opened HT202310010001 (high)" in python_output
    assert "refused: ticket HT202310010001 (in_progress): cannot resolve as customer" \
        in python_output
    assert "HT202310010001 is closed with satisfaction 5" in python_output
    assert "#5 2023-10-02T00:15:00Z cust-1001 (customer) confirm" in python_output


def test_the_python_quickstart_prints_what_the_cpp_quickstart_prints(python_output, build_dir,
                                                                     tmp_path):
    cpp = build_dir / "examples" / "quickstart"
    if not cpp.exists():
        pytest.skip("the C++ quickstart is not built in this build tree")
    assert python_output == run_in(tmp_path / "cpp", [str(cpp)])


def test_a_second_run_finds_the_first_runs_ticket(source_dir, tmp_path):
    example = source_dir / "examples" / "python" / "quickstart.py"
    run_in(tmp_path / "run", [sys.executable, str(example)])
    again = subprocess.run([sys.executable, str(example), "demo.db"], capture_output=True,
                           text=True, env=os.environ, cwd=tmp_path / "run", check=True).stdout
    assert again.startswith("demo.db holds 1 tickets\n")
    assert "opened HT202310010002 (high)" in again
