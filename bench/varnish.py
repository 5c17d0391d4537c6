"""Debian's varnishd with the repository's VCL on a local port: used by `make bench` and by
tests/caching/test_varnish.py."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VCL = ROOT / "docker" / "varnish" / "default.vcl"


def varnishd_path():
    return shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)


def varnish_configuration(web_port):
    """The repository's VCL, with the compose service names replaced by this machine's addresses."""
    vcl = VCL.read_text()
    vcl = vcl.replace('.host = "web";\n    .port = "8000";', f'.host = "127.0.0.1";\n    .port = "{web_port}";')
    vcl = vcl.replace('.host = "media";\n    .port = "80";', f'.host = "127.0.0.1";\n    .port = "{web_port}";')
    vcl = vcl.replace('acl purgers {\n    "web";', 'acl purgers {\n    "127.0.0.1";')
    if '"web"' in vcl or '"media"' in vcl:
        raise ValueError("the VCL's service names changed; update bench/varnish.py")
    return vcl


def port_is_open(port):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


class Varnish:
    """varnishd in the foreground on 127.0.0.1:`port`, in front of 127.0.0.1:`web_port`."""

    def __init__(self, port, web_port, memory="64m"):
        self.port = port
        self.memory = memory
        # varnishd's compiler and worker run as unprivileged users: a folder they can read.
        self.workdir = Path(tempfile.mkdtemp(prefix="netportal-varnish-"))
        self.workdir.chmod(0o755)
        self.vcl_path = self.workdir / "default.vcl"
        self.vcl_path.write_text(varnish_configuration(web_port))
        self.vcl_path.chmod(0o644)
        self.log_path = self.workdir / "varnishd.log"
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        if port_is_open(self.port):
            raise RuntimeError(f"port {self.port} is already taken")
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                [varnishd_path(), "-F", "-f", str(self.vcl_path), "-a", f"127.0.0.1:{self.port}"]  # noqa: RUF005
                + ["-n", str(self.workdir / "instance"), "-s", f"malloc,{self.memory}", "-p", "ban_lurker_sleep=0.1"],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while not port_is_open(self.port):
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                raise RuntimeError("varnishd did not start:\n" + self.log_path.read_text()[-3000:])
            time.sleep(0.1)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.workdir, ignore_errors=True)
