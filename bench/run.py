"""Benchmark (`make bench`): Lighthouse on every page of our site and of a plain Material build of the same pages.

Both sites are served by nginx on loopback with gzip over HTTPS and HTTP/2 (a throwaway self-signed certificate),
as Netlify serves them, and Lighthouse (npm, pinned) runs with its default mobile settings in Debian's Chromium.
Writes bench/REPORT.md and exits non-zero when a budget is missed. Prints each run as it finishes, with the time
elapsed and an estimate of the time left. Finished, failed or stopped (Ctrl-C, SIGTERM), it stops nginx and every
Lighthouse and Chromium process it started and removes bench/.tmp (the built sites, Lighthouse's JSON and, through
TMPDIR, the temporary files of every process it started).

    bench/run.py            # every page (about half an hour on two cores: 126 Lighthouse runs of 11-15 s)
    bench/run.py faq/ ''     # only these pages ('' is the home page); the report is then partial
"""
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from kapsite import config as config_mod  # noqa: E402
from kapsite.md_clinic import STARTED_BY  # noqa: E402

WORK = ROOT / "bench" / ".tmp"
PORTS = {"ours": 8911, "plain": 8912}
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run --ignore-certificate-errors")
BUDGET = {"score": 1.0, "bytes": 100 * 1024, "lcp": 1500, "cls": 0, "third_party": 0, "ratio": 0.85}
BUILDS = 3
RUNS = int(os.environ.get("BENCH_RUNS", "3"))  # Lighthouse runs per page; the run with the median LCP is reported
# TMPDIR puts the temporary files of every child (Chromium's profiles too) where the clean-up removes them.
# KAPSITE_BENCH marks the processes we start: see started().
MARK = f"KAPSITE_BENCH={os.getpid()}"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT), TMPDIR=str(WORK / "tmp"),
           KAPSITE_BENCH=str(os.getpid()))
for name in ("CONTEXT", "SITE_URL"):
    ENV.pop(name, None)


def run(command, env=ENV, **kwargs) -> None:
    """Runs a command to the end; exits with its error output if it fails."""
    done = subprocess.run(command, env=env, capture_output=True, text=True, **kwargs)
    if done.returncode:
        sys.exit(f"{' '.join(map(str, command))[:300]}\nfailed (exit status {done.returncode}):\n{done.stderr[-3000:]}")


def started() -> set[int]:
    """The processes we started that still run: those with MARK in their environment, even when they left our tree
    (Chromium runs in a session of its own; its crash handler is re-parented to init), and their descendants and ours
    (nginx and Chromium's helpers do not show our environment)."""
    parents, roots = {}, {os.getpid()}
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            state, ppid = (proc / "stat").read_text().rsplit(")", 1)[1].split()[:2]
            if state != "Z":  # a zombie has exited already
                parents[int(proc.name)] = int(ppid)
                if MARK.encode() in (proc / "environ").read_bytes().split(b"\0"):
                    roots.add(int(proc.name))
        except OSError:  # exited meanwhile, or not ours to read
            pass
    found, new = set(), roots
    while new:
        found |= new
        new = {pid for pid, ppid in parents.items() if ppid in new} - found
    return found - {os.getpid()}


def stop_all() -> None:
    """Stops every process we started (nginx, Lighthouse, Chromium): SIGTERM, then SIGKILL after 5 s."""
    for signum in (signal.SIGTERM, signal.SIGKILL):
        for pid in started():
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 5
        while started() and time.monotonic() < deadline:
            time.sleep(0.1)


def clean_up() -> None:
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)  # a second Ctrl-C must not cut the clean-up short
    stop_all()
    shutil.rmtree(WORK, ignore_errors=True)


def clock(seconds: float) -> str:
    """65 -> 1:05; 3725 -> 1:02:05."""
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def time_left(durations: list[float], total: int) -> float:
    """The runs not yet done, at the mean duration of those done."""
    return statistics.mean(durations) * (total - len(durations))


def plain_config() -> Path:
    """Our pages, nav and Markdown extensions with the stock theme: what a new MkDocs user would ship."""
    config = config_mod.load(ROOT / "mkdocs.yml")
    config["theme"] = {"name": "material", "custom_dir": str(WORK / "plain-shim")}
    for key in ("extra_css", "extra_javascript", "watch", "validation"):
        config.pop(key, None)
    # Our table wrapper is theme work (its look is in site.css), not content: the plain site keeps Material's own.
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if e != "kapsite.md_tables"]
    config["docs_dir"] = str(ROOT / "docs")
    shim = WORK / "plain-shim"
    shim.mkdir(parents=True, exist_ok=True)
    (shim / "home.html").write_text('{% extends "main.html" %}\n')  # the template our home page names
    path = WORK / "mkdocs.plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False))
    return path


def timed_builds(command, env=ENV) -> float:
    times = []
    for _ in range(BUILDS):
        began = time.perf_counter()
        run(command, cwd=ROOT, env=env)
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def start_nginx(sites) -> subprocess.Popen:
    for port in PORTS.values():  # never measure someone else's server (nginx itself retries a held port for 2.5 s)
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as nginx does: only a listener is in the way
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                sys.exit(f"Port {port} is in use (see `ss -ltnp | grep {port}`): stop that server first.")
    run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-keyout", str(WORK / "key.pem"), "-out", str(WORK / "cert.pem")])
    servers = "".join(f"""
    server {{
        listen 127.0.0.1:{PORTS[name]} ssl http2;
        ssl_certificate {WORK}/cert.pem;
        ssl_certificate_key {WORK}/key.pem;
        root {path};
        error_page 404 /404.html;
    }}""" for name, path in sites.items())
    conf = WORK / "nginx.conf"
    conf.write_text(f"""
worker_processes 1;
daemon off;
user root;
pid {WORK}/nginx.pid;
error_log {WORK}/nginx-error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    gzip on;
    gzip_comp_level 6;
    gzip_min_length 256;
    gzip_types text/css application/javascript application/json image/svg+xml text/xml application/xml;
    {servers}
}}""")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(WORK)], env=ENV)
    time.sleep(1)
    if process.poll() is not None:
        sys.exit("nginx did not start:\n" + (WORK / "nginx-error.log").read_text())
    return process


def lighthouse(url: str, out: Path) -> dict:
    run([str(ROOT / "node_modules" / ".bin" / "lighthouse"), url, "--output=json", f"--output-path={out}", "--quiet",
         f"--chrome-flags={CHROME_FLAGS}"], env=dict(ENV, CHROME_PATH="/usr/bin/chromium"))
    report = json.loads(out.read_text())
    audits, origin = report["audits"], url.split("/", 3)[:3]
    requests = audits["network-requests"]["details"]["items"]
    return {
        "scores": {k: report["categories"][k]["score"] for k in
                   ("performance", "accessibility", "best-practices", "seo")},
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(requests),
        "third_party": sorted({r["url"] for r in requests if r["url"].split("/", 3)[:3] != origin
                               and not r["url"].startswith("data:")}),
    }


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("index.html"))


def bench(only: list[str]) -> int:
    began = time.monotonic()
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "tmp").mkdir(parents=True)
    sites = {"ours": WORK / "ours", "plain": WORK / "plain"}
    print(f"Building each site {BUILDS} times (timed)...", flush=True)
    build_time = {
        "ours": timed_builds([sys.executable, "-m", "kapsite.build", str(sites["ours"])]),
        # Our Markdown extensions refuse a build that kapsite.build did not start: this one skips the checks on purpose.
        "plain": timed_builds([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config()),
                               "-d", str(sites["plain"])], env=dict(ENV, **{STARTED_BY: "1"})),
    }
    unknown = set(only) - set(pages(sites["ours"]))
    if unknown:
        known = " ".join(page or "''" for page in pages(sites["ours"]))
        sys.exit(f"No such page: {' '.join(sorted(unknown))}. Pages: {known}")
    todo = [(name, page) for name, site in sites.items() for page in pages(site) if not only or page in only]
    total = len(todo) * RUNS
    print(f"Built in {clock(time.monotonic() - began)}. {total} Lighthouse runs: {len(todo)} pages (both sites) "
          f"x {RUNS}.", flush=True)
    start_nginx(sites)
    results = {name: {} for name in sites}
    durations = []
    for name, page in todo:
        runs = []
        for i in range(RUNS):
            run_began = time.monotonic()
            runs.append(lighthouse(f"https://127.0.0.1:{PORTS[name]}/{page}",
                                   WORK / f"lh-{name}-{page.replace('/', '_') or 'home'}-{i}.json"))
            durations.append(time.monotonic() - run_began)
            print(f"[{len(durations):{len(str(total))}}/{total}] {name} /{page} run {i + 1}/{RUNS}: "
                  f"performance {runs[-1]['scores']['performance'] * 100:.0f}, LCP {runs[-1]['lcp']:.0f} ms, "
                  f"{durations[-1]:.1f} s | {clock(time.monotonic() - began)} elapsed, "
                  f"about {clock(time_left(durations, total))} left", flush=True)
        results[name][page] = sorted(runs, key=lambda r: r["lcp"])[len(runs) // 2]
    failures = write_report(results, build_time)
    print("\n".join(failures) or "All budgets met.", f"Done in {clock(time.monotonic() - began)}.", sep="\n")
    return 1 if failures else 0


def main() -> int:
    def stopped(signum, frame):
        raise KeyboardInterrupt  # SIGTERM and SIGHUP stop the run as Ctrl-C does, through the clean-up below

    signal.signal(signal.SIGTERM, stopped)
    signal.signal(signal.SIGHUP, stopped)
    try:
        return bench(sys.argv[1:])
    except KeyboardInterrupt:
        print("\nStopped; stopping nginx and Lighthouse, removing bench/.tmp.", file=sys.stderr, flush=True)
        return 130
    finally:
        clean_up()


def write_report(results, build_time) -> list[str]:
    ours, plain = results["ours"], results["plain"]
    lines = ["# Benchmark report", "",
             f"Generated by `make bench` on {time.strftime('%Y-%m-%d')}: Lighthouse "
             f"{subprocess.run([str(ROOT / 'node_modules/.bin/lighthouse'), '--version'], capture_output=True, text=True).stdout.strip()}"
             ", default mobile settings (simulated slow 4G, 4x CPU slowdown), Debian Chromium, nginx with gzip, "
             "HTTPS and HTTP/2 (as Netlify serves the site) on loopback. \"Plain\" is the same pages, nav and Markdown extensions built with the stock Material theme "
             f"(default fonts and palette, no overrides). Each page ran {RUNS} times; the run with the median LCP is shown.", "",
             "Budgets per page: 100 in all four categories; at most 100 KB transferred; LCP at most 1.5 s; CLS 0; "
             "no third-party requests; our bytes at most 0.85 x the plain site's.", "",
             "## Our site", "",
             "| Page | Perf | A11y | BP | SEO | LCP ms | TBT ms | CLS | KB | Requests | Plain KB | Ratio | Other origins |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    failures = []
    for page, r in ours.items():
        base = plain.get(page)
        ratio = r["bytes"] / base["bytes"] if base else None
        s = r["scores"]
        lines.append(f"| /{page} | {s['performance']*100:.0f} | {s['accessibility']*100:.0f} | "
                     f"{s['best-practices']*100:.0f} | {s['seo']*100:.0f} | {r['lcp']:.0f} | {r['tbt']:.0f} | "
                     f"{r['cls']:.3f} | {r['bytes']/1024:.1f} | {r['requests']} | "
                     f"{base['bytes']/1024:.1f} | {ratio:.2f} | {len(r['third_party'])} |" if base else "")
        for category, score in s.items():
            if score is None or score < BUDGET["score"]:
                failures.append(f"/{page}: {category} {score}")
        if r["bytes"] > BUDGET["bytes"]:
            failures.append(f"/{page}: {r['bytes']/1024:.1f} KB transferred (budget 100 KB)")
        if r["lcp"] > BUDGET["lcp"]:
            failures.append(f"/{page}: LCP {r['lcp']:.0f} ms (budget 1500 ms)")
        if r["cls"] > BUDGET["cls"]:
            failures.append(f"/{page}: CLS {r['cls']:.3f} (budget 0)")
        if r["third_party"]:
            failures.append(f"/{page}: third-party requests {r['third_party']}")
        if ratio and ratio > BUDGET["ratio"]:
            failures.append(f"/{page}: {ratio:.2f} x the plain site's bytes (budget 0.85)")
    lines += ["", "## Plain Material site (the reference)", "",
              "| Page | Perf | A11y | BP | SEO | LCP ms | TBT ms | CLS | KB | Requests | Other origins |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]
    for page, r in plain.items():
        s = r["scores"]
        lines.append(f"| /{page} | {s['performance']*100:.0f} | {s['accessibility']*100:.0f} | "
                     f"{s['best-practices']*100:.0f} | {s['seo']*100:.0f} | {r['lcp']:.0f} | {r['tbt']:.0f} | "
                     f"{r['cls']:.3f} | {r['bytes']/1024:.1f} | {r['requests']} | "
                     f"{', '.join(r['third_party']) or 0} |")
    total = {name: sum(r["bytes"] for r in res.values()) for name, res in results.items()}
    lcp = {name: statistics.mean(r["lcp"] for r in res.values()) for name, res in results.items()}
    lines += ["", "## Totals", "",
              "| | Ours | Plain | Ours / plain |", "|---|---|---|---|",
              f"| Bytes, all pages | {total['ours']/1024:.0f} KB | {total['plain']/1024:.0f} KB | "
              f"{total['ours']/total['plain']:.2f} |",
              f"| Mean LCP | {lcp['ours']:.0f} ms | {lcp['plain']:.0f} ms | {lcp['ours']/lcp['plain']:.2f} |",
              f"| Full build, median of {BUILDS} | {build_time['ours']:.2f} s | {build_time['plain']:.2f} s | "
              f"{build_time['ours']/build_time['plain']:.2f} |",
              f"| Third-party requests | {sum(len(r['third_party']) for r in ours.values())} | "
              f"{sum(len(r['third_party']) for r in plain.values())} | |",
              "", "Our build time includes the publish checks before and after MkDocs.", "",
              "## Budget result", ""] + ([f"- MISSED: {f}" for f in failures] or ["All budgets met."])
    (ROOT / "bench" / "REPORT.md").write_text("\n".join(lines) + "\n")
    return failures


if __name__ == "__main__":
    sys.exit(main())
