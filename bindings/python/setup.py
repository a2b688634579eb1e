"""Builds the `_ticketflow` extension with the project's own CMake build, for `pip install`.

pip builds in place, so the repository root is two folders up. Nothing is downloaded: CMake uses
the Debian packages that scripts/setup.sh installs.
"""
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parents[2]


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build = pathlib.Path(self.build_temp).resolve() / "cmake"
        subprocess.check_call([
            "cmake", "-S", str(ROOT), "-B", str(build), "-DCMAKE_BUILD_TYPE=Release",
            "-DTICKETFLOW_PYTHON=ON", "-DTICKETFLOW_BUILD_TESTS=OFF",
            "-DTICKETFLOW_BUILD_EXAMPLES=OFF", "-DTICKETFLOW_BUILD_BENCHMARKS=OFF",
            f"-DPython3_EXECUTABLE={sys.executable}"])
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2")
        subprocess.check_call(["cmake", "--build", str(build), "--target", "ticketflow_python_package",
                               "-j", jobs])
        built = build / "python" / "ticketflow"
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(next(built.glob("_ticketflow*.so")), target)
        shutil.copy2(built / "_ticketflow.pyi", target.parent / "_ticketflow.pyi")


setup(ext_modules=[Extension("ticketflow._ticketflow", sources=[])],
      cmdclass={"build_ext": CMakeBuild})
