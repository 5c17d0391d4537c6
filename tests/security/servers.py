"""Servers the outage tests start and stop themselves: a Redis server and a TCP proxy.

The shared PostgreSQL and Redis are never touched: an outage is a server of our own going away.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import threading
import time

import dj_database_url


def port_is_open(port, host="127.0.0.1"):
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex((host, port)) == 0


def wait_for(condition, timeout=20.0, interval=0.05):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return False


class RedisServer:
    """A throwaway redis-server on a port of our own, without persistence."""

    def __init__(self, port):
        self.port = port
        self.process = None

    @staticmethod
    def available():
        return shutil.which("redis-server") is not None

    def start(self):
        assert not port_is_open(self.port), f"port {self.port} is already taken"
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(lambda: port_is_open(self.port)), "redis-server did not start"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
        assert wait_for(lambda: not port_is_open(self.port)), "redis-server did not stop"


class TcpProxy:
    """Forwards a local port to a real server; stop() is a clean outage, start() the recovery.

    Stopping closes the listening socket and every open connection, so the client sees exactly
    what it would see if the server went away: refused connections and broken sockets.
    """

    def __init__(self, listen_port, target_host, target_port):
        self.listen_port = listen_port
        self.target = (target_host, target_port)
        self.listener = None
        self.connections = set()
        self.lock = threading.Lock()
        self.running = False

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", self.listen_port))  # SO_REUSEADDR on POSIX
        self.listener.settimeout(0.1)
        self.running = True
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def stop(self):
        self.running = False
        if self.listener:
            self.listener.close()
            self.listener = None
        with self.lock:
            connections, self.connections = self.connections, set()
        for connection in connections:
            self._close(connection)
        assert wait_for(lambda: not port_is_open(self.listen_port)), "proxy still listening"

    def _accept(self, listener):
        while self.running:
            try:
                client, _address = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                self._close(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self.lock:
                self.connections.update({client, upstream})
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source, destination):
        try:
            while data := source.recv(65536):
                destination.sendall(data)
        except OSError:
            pass
        finally:
            self._close(source)
            self._close(destination)

    @staticmethod
    def _close(connection):
        with contextlib.suppress(OSError):
            connection.shutdown(socket.SHUT_RDWR)
        connection.close()


class SilentServer:
    """Accepts connections on a free local port and never answers: a server that hangs."""

    def __init__(self):
        self.listener = None
        self.connections = []
        self.port = None

    def start(self):
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = self.listener.getsockname()[1]
        self.listener.settimeout(0.1)
        self.running = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while self.running:
            try:
                connection, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections.append(connection)  # held open, never read, never answered

    def stop(self):
        self.running = False
        self.listener.close()
        for connection in self.connections:
            connection.close()


def postgres_server():
    """Host, port and user of the PostgreSQL server the suite uses (DATABASE_URL, else the local one)."""
    url = os.environ.get("DATABASE_URL", "")
    config = dj_database_url.parse(url) if url.startswith("postgres") else {}
    return {
        "host": config.get("HOST") or "127.0.0.1",
        "port": int(config.get("PORT") or 5432),
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or "",
    }
