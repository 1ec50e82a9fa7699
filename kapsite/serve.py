"""`make serve`: a live preview that shows the same messages as the build, in the terminal and on the page.

    python -m kapsite.serve [--host 127.0.0.1] [--port 8000]

Rebuilds on every change to docs/, mkdocs.yml, references.yml, overrides/ and kapsite/ (mkdocs.serve.yml). A
mistake does not stop the preview: the page shows a red box listing the problems (kapsite/serve_hook.py). Only a
mistake in mkdocs.yml that MkDocs itself cannot read stops the rebuild: the terminal then names the line, and the
preview carries on with the last good build until the file is fixed and saved.
"""
import argparse
import os
import subprocess
import sys

from kapsite import rules
from kapsite.check import SOURCE, report
from kapsite.project import Project


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", default="8000")
    args = parser.parse_args(argv)
    if args.host not in ("127.0.0.1", "localhost"):
        print(f"Warning: the preview is open to every device on your network at http://{args.host}:{args.port} "
              "(use your computer's address on the network, e.g. http://192.168.1.20:8000, from the phone). Anyone "
              "on this network can read it, drafts and placeholders included; nothing is published. Stop it with "
              "Ctrl+C when you are done.", file=sys.stderr)
    problems = rules.run(Project(), SOURCE)
    if any(p.rule == "yaml-file" for p in problems):
        return report(problems)  # MkDocs cannot start on a file it cannot read: fix that first
    env = dict(os.environ, KAPSITE_BUILD="1", KAPSITE_SERVE="1", NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "serve", "--config-file", "mkdocs.serve.yml",
               "--dev-addr", f"{args.host}:{args.port}"]
    try:
        return subprocess.run(command, env=env).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
