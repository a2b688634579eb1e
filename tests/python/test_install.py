"""`cmake --install <build> --component python` gives a package that a fresh /usr/bin/python3
imports from the install prefix alone."""
import os
import re
import subprocess

import pytest

INTERPRETER = "/usr/bin/python3"  # Debian's interpreter, the one the extension is built for

PROBE = """
import datetime as dt
import ticketflow as tf
clock = tf.ManualClock(dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc))
engine = tf.Engine(tf.MemoryStore(), clock)
draft = tf.TicketDraft(title="安装检查", description="installed package",
                       customer=tf.Customer(id="c-1", name="华东"), category="how_to")
print(tf.__file__)
print(engine.open(draft, tf.Actor.customer("c-1")).number)
"""


@pytest.fixture(scope="module")
def install_dir(build_dir):
    """Where the package goes under a prefix, e.g. lib/python3.11/dist-packages."""
    if "TICKETFLOW_PYTHON_INSTALL_DIR" in os.environ:
        return os.environ["TICKETFLOW_PYTHON_INSTALL_DIR"]
    cache = (build_dir / "CMakeCache.txt").read_text(encoding="utf-8")
    return re.search(r"^TICKETFLOW_PYTHON_INSTALL_DIR:\w+=(.*)$", cache, re.M).group(1)


@pytest.fixture(scope="module")
def installed(build_dir, install_dir, tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    subprocess.run(["cmake", "--install", str(build_dir), "--component", "python", "--prefix",
                    str(prefix)], check=True, capture_output=True, text=True)
    return prefix / install_dir


def test_the_python_component_installs_the_package_and_its_stubs(installed):
    package = installed / "ticketflow"
    names = {path.name for path in package.iterdir()}
    assert {"__init__.py", "errors.py", "py.typed", "_ticketflow.pyi"} <= names
    assert any(re.fullmatch(r"_ticketflow\..*\.so", name) for name in names)


def test_a_fresh_interpreter_imports_the_installed_package_and_opens_a_ticket(installed, tmp_path):
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    environment["PYTHONPATH"] = str(installed)
    result = subprocess.run([INTERPRETER, "-c", PROBE], env=environment, cwd=tmp_path,
                            capture_output=True, text=True, check=True)
    module_file, number = result.stdout.split()
    assert module_file.startswith(str(installed))
    assert number == "HT202405010001"
