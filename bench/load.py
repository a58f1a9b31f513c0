"""The public site under load: gunicorn and PostgreSQL with 100,000 standards, 200 clients.

    .venv/bin/python bench/load.py [--duration 60] [--connections 200] [--database-url URL]

On the loopback interface only. It creates a throwaway PostgreSQL database (default
postgres://postgres@127.0.0.1:5432/bulletin_load; it refuses one that exists), migrates it, loads
the demo (its July 2022 issue published and rendered), runs `generate_data` (100,000 standards,
10,000 meetings, 5 years of issues, fixed seed), collects the static files, and starts gunicorn
with config/gunicorn.py and the production settings. Once /healthz answers, wrk drives the
clients over a fixed, weighted mix of public URLs (pages, filters, searches, details and
spreadsheet downloads; see URL_MIX in load_mix.py) for --duration seconds.

Figures per run: requests/s (and its ratio to a hello-world view's under the same gunicorn,
middleware and client, the floor), latency p50/p95/p99 as the clients saw it, responses other
than 2xx/3xx, socket errors (connect, read, write, timeout); per kind of URL from gunicorn's
access log: requests, errors and the server's time. Then an open-loop run (load_open.py): the
same URLs at a fixed offered rate (--open-rate; half the closed loop's by default), each latency
counted from when its request was due, as visitors arriving at that rate see it. A db_worker runs
beside gunicorn, as in production, so the lists' full downloads are written once as files.
Printed as Markdown and written to bench/load-results.json. Gunicorn is stopped and the database
and files dropped on exit, Ctrl-C included (--keep keeps them, and --reuse runs again on a kept
database without the setup).

wrk comes from Debian (`apt-get install wrk`, done here when missing and running as root).
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

from load_mix import URL_MIX, url_mix
from load_open import open_loop
from load_report import by_kind, lua_script, report
from load_setup import DEFAULT_DATABASE, Site

RESULTS = Path(__file__).with_name("load-results.json")
HELLO = "/bench/hello/"  # bench/site_urls.py


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=60, help="seconds of load per run")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--connections", type=int, default=200, help="concurrent clients")
    parser.add_argument("--client-threads", type=int, default=1, help="wrk threads")
    parser.add_argument(
        "--client-timeout",
        type=int,
        default=60,
        help="seconds a client waits for a response (a proxy's read timeout, nginx: 60)",
    )
    parser.add_argument(
        "--database-url", default=os.environ.get("LOAD_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--standards", type=int, default=100_000)
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--until", help="YYYY-MM of the latest generated issue (default: now)")
    parser.add_argument("--workers", type=int, help="gunicorn workers (WEB_CONCURRENCY)")
    parser.add_argument("--threads", type=int, help="threads per worker (GUNICORN_THREADS)")
    parser.add_argument("--conn-max-age", type=int, help="DATABASE_CONN_MAX_AGE for gunicorn")
    parser.add_argument(
        "--app",
        default="config.wsgi",
        help="WSGI module gunicorn serves (another one to compare a change, on PYTHONPATH)",
    )
    parser.add_argument("--redis-url", default="", help="REDIS_URL: turns the page cache on")
    parser.add_argument("--keep", action="store_true", help="keep the database and files")
    parser.add_argument("--reuse", action="store_true", help="use a kept database as it is")
    parser.add_argument(
        "--floor-seconds", type=int, default=20, help="seconds of the hello-world floor's run"
    )
    parser.add_argument(
        "--open-rate",
        type=float,
        default=0,
        help="requests/s the open-loop run offers (default: half the closed loop's rate)",
    )
    parser.add_argument("--open-clients", type=int, default=64, help="open loop's connections")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args()
    if args.duration < 1 or args.duration > 3600:
        parser.error("--duration: 1 to 3600 seconds")

    # Ctrl-C and a plain kill both unwind through the finally blocks below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    wrk = ensure_wrk()
    bench = LoadBench(args, wrk)
    try:
        bench.run()
    except KeyboardInterrupt:
        print("\nInterrupted: cleaning up.", file=sys.stderr)
        sys.exit(130)


class LoadBench:
    """Sets the site up, drives wrk at it run by run, and reports the figures."""

    def __init__(self, args, wrk):
        self.args = args
        self.wrk = wrk
        self.site = Site(args)
        self.results = {
            "date": date.today().isoformat(),
            "machine": {"cpus": os.cpu_count()},
            "setup": {},
            "runs": [],
        }

    def run(self):
        args = self.args
        site = self.site
        with site.database.throwaway(create=not args.reuse, keep=args.keep):
            if not args.reuse:
                shutil.rmtree(site.folder, ignore_errors=True)
                self.results["setup"] = site.setup()
            elif not (site.folder / "media").is_dir():
                sys.exit(f"--reuse: {site.folder} is missing; run once with --keep first.")
            else:
                self.results["setup"] = {"reused": site.database.name}
            try:
                # The worker writes the published downloads, as in production.
                with site.gunicorn() as server, site.worker():
                    self.results["server"] = server.describe()
                    self.load(server)
            finally:
                if args.redis_url:
                    site.forget_cached_pages()
                if not args.keep:
                    shutil.rmtree(site.folder, ignore_errors=True)
        report(self.results, args.output, site.database.max_connections)

    def load(self, server):
        args = self.args
        urls = url_mix(self.site.production())
        script = self.site.folder / "mix.lua"
        script.write_text(lua_script([path for _kind, path in urls]), encoding="utf-8")
        kinds = {}
        for kind, path in urls:
            kinds.setdefault(path, kind)
        self.results["mix"] = dict(URL_MIX)
        self.results["client"] = {
            "tool": "wrk",
            "connections": args.connections,
            "threads": args.client_threads,
            "duration_s": args.duration,
            "timeout_s": args.client_timeout,
            "urls_in_cycle": len(urls),
        }
        warmup = min(10, args.duration)
        print(f"Warming up for {warmup} s with 20 clients")
        self.wrk_run(server, script, 20, warmup)
        for number in range(1, args.runs + 1):
            print(f"Run {number}: {args.connections} clients for {args.duration} s")
            server.access_log_mark()
            load_before = os.getloadavg()[0]
            sampler = ConnectionSampler(self.site.database)
            with sampler:
                figures = self.wrk_run(server, script, args.connections, args.duration)
            figures["run"] = number
            # Other work on the machine shows here: the server and the clients share its CPUs.
            figures["load_average_1min"] = [round(load_before, 1), round(os.getloadavg()[0], 1)]
            figures["db_connections_max"] = sampler.highest
            figures["by_kind"] = by_kind(server.access_log_since_mark(), kinds)
            self.results["runs"].append(figures)
        # The floor: a hello-world view under the same gunicorn, middleware and client.
        print(f"Floor: hello world, {args.connections} clients for {args.floor_seconds} s")
        hello = self.site.folder / "hello.lua"
        hello.write_text(lua_script([HELLO]), encoding="utf-8")
        floor = self.wrk_run(server, hello, args.connections, args.floor_seconds)
        self.results["floor"] = floor
        for run in self.results["runs"]:
            run["ratio_to_floor"] = round(
                run["requests_per_second"] / floor["requests_per_second"], 3
            )
        # Open loop: visitors arriving at a fixed rate, below what the closed loop reached.
        rate = args.open_rate or round(self.results["runs"][-1]["requests_per_second"] / 2, 1)
        print(f"Open loop: {rate} requests/s offered for {args.duration} s")
        server.access_log_mark()
        figures = open_loop(
            server.url,
            [path for _kind, path in urls],
            rate,
            args.duration,
            clients=args.open_clients,
            timeout=args.client_timeout,
        )
        figures["by_kind"] = by_kind(server.access_log_since_mark(), kinds)
        self.results["open_loop"] = figures
        problems = server.problems()
        self.results["server_log_problems"] = problems

    def wrk_run(self, server, script, connections, duration):
        timeout = self.args.client_timeout
        command = [
            self.wrk,
            f"--threads={min(self.args.client_threads, connections)}",
            f"--connections={connections}",
            f"--duration={duration}s",
            f"--timeout={timeout}s",
            f"--script={script}",
            server.url,
        ]
        completed = subprocess.run(command, capture_output=True, text=True, start_new_session=True)
        line = next((x for x in completed.stdout.splitlines() if x.startswith("RESULT ")), None)
        if completed.returncode or line is None:
            sys.exit(f"wrk failed:\n{completed.stdout}{completed.stderr}")
        figures = json.loads(line.removeprefix("RESULT "))
        figures["connections"] = connections
        figures["requests_per_second"] = round(figures["requests"] / figures["seconds"], 1)
        return figures


class ConnectionSampler(threading.Thread):
    """The highest number of connections to the database, sampled every half second."""

    def __init__(self, database):
        super().__init__(daemon=True)
        self.database = database
        self.highest = 0
        self.stopping = threading.Event()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.join()

    def run(self):
        with self.database.connect() as connection:
            while not self.stopping.wait(0.5):
                self.highest = max(self.highest, self.database.connection_count(connection))


def ensure_wrk():
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() != 0:
        sys.exit("wrk is missing: `sudo apt-get install wrk` (Debian), then run again.")
    print("Installing wrk with apt-get")
    subprocess.run(["apt-get", "install", "-y", "-q", "wrk"], check=True, stdout=subprocess.DEVNULL)
    return shutil.which("wrk") or sys.exit("apt-get did not install wrk")


if __name__ == "__main__":
    main()
