"""examples/python/quickstart.py runs, and prints exactly what its C++ twin prints."""
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def python_output(source_dir):
    example = source_dir / "examples" / "python" / "quickstart.py"
    result = subprocess.run([sys.executable, str(example)], capture_output=True, text=True,
                            env=os.environ, check=True)
    return result.stdout


def test_the_python_quickstart_closes_its_ticket_and_prints_the_trail(python_output):
    assert "opened HT202310010001 (high)" in python_output
    assert "refused: ticket HT202310010001 (in_progress): cannot resolve as customer" \
        in python_output
    assert "HT202310010001 is closed with satisfaction 5" in python_output
    assert "#5 2023-10-02T00:15:00Z cust-1001 (customer) confirm" in python_output


def test_the_python_quickstart_prints_what_the_cpp_quickstart_prints(python_output, build_dir):
    cpp = build_dir / "examples" / "quickstart"
    if not cpp.exists():
        pytest.skip("the C++ quickstart is not built in this build tree")
    assert python_output == subprocess.run([str(cpp)], capture_output=True, text=True,
                                           check=True).stdout
