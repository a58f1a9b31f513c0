"""An open-loop client: requests sent at a fixed offered rate, whatever the server's pace.

wrk is a closed loop: each connection sends its next request when its last is answered, so when the
server slows the clients slow with it, and the latency they see is mostly the queue they form
themselves. Here each request is due at a fixed time and its latency counts from then (no
coordinated omission), so the percentiles are what visitors arriving at that rate would see.
wrk2 does this but Debian does not package it: a small pool of threads over http.client, at most
`clients` connections at once (a bounded client), on the loopback.
"""

import http.client
import queue
import threading
import time
from urllib.parse import urlsplit

from load_report import percentile

HEADERS = {
    # As the proxy would: the client came over HTTPS (production settings redirect plain HTTP).
    "X-Forwarded-Proto": "https",
    "Accept-Encoding": "gzip",
    "User-Agent": "bench/load.py (open loop)",
}


def open_loop(base_url, paths, rate, seconds, clients=64, timeout=60):
    """Requests over `paths` in turn at `rate` a second for `seconds`; their figures."""
    address = urlsplit(base_url)
    due = queue.Queue()
    answers = []  # (milliseconds since due, status; 0 for a socket error or timeout)

    def client():
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
        while (item := due.get()) is not None:
            scheduled, path = item
            status = 0
            # gunicorn closes a connection idle for its keepalive (2 s): a request that finds
            # its connection closed is sent again on a new one, as browsers and urllib3 do.
            for _attempt in range(2):
                try:
                    connection.request("GET", path, headers=HEADERS)
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                    break
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                    connection.close()
                except (OSError, http.client.HTTPException):
                    connection.close()
                    break
            answers.append(((time.perf_counter() - scheduled) * 1000, status))
        connection.close()

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    started = time.perf_counter()
    total = round(rate * seconds)
    for number in range(total):
        at = started + number / rate
        if (wait := at - time.perf_counter()) > 0:
            time.sleep(wait)
        due.put((at, paths[number % len(paths)]))
    for _ in threads:
        due.put(None)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    times = sorted(milliseconds for milliseconds, _status in answers)
    return {
        "offered_rate": rate,
        "clients": clients,
        "seconds": round(elapsed, 3),
        "requests": len(answers),
        "requests_per_second": round(len(answers) / elapsed, 1),
        "errors": sum(1 for _ms, status in answers if not 200 <= status < 400),
        "latency_ms": {
            "p50": round(percentile(times, 50), 1),
            "p95": round(percentile(times, 95), 1),
            "p99": round(percentile(times, 99), 1),
            "max": round(times[-1], 1),
        },
    }
