#!/usr/bin/env python3
"""`pip install` works offline: builds bindings/python with Debian's pip and setuptools into a
scratch folder (no index, no build isolation), then imports it in a fresh interpreter from there."""
import os
import pathlib
import subprocess
import sys
import tempfile

source = pathlib.Path(os.environ["TICKETFLOW_SOURCE_DIR"]) / "bindings" / "python"
with tempfile.TemporaryDirectory() as scratch:
    target = pathlib.Path(scratch) / "site"
    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "--no-index",
                           "--no-build-isolation", "--target", str(target), str(source)],
                          env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    probe = ("import ticketflow, datetime as dt; "
             "e = ticketflow.Engine(ticketflow.MemoryStore(), ticketflow.ManualClock("
             "dt.datetime(2024, 5, 1, tzinfo=dt.timezone.utc))); "
             "d = ticketflow.TicketDraft(title='t', description='d', "
             "customer=ticketflow.Customer(id='c', name='c'), category='how_to'); "
             "print(ticketflow.__file__, e.open(d, ticketflow.Actor.customer('c')).number)")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONPATH"] = str(target)
    output = subprocess.check_output([sys.executable, "-c", probe], env=env, cwd=scratch, text=True)
    print(output.strip())
    assert output.startswith(str(target)), output
    assert output.strip().endswith("HT202405010001"), output
print("1 passed, 0 failed")
