"""A longer fuzz run than the suite's (`make fuzz`): prints inputs per second and the unique failures.

    python tests/fuzz_campaign.py --seconds 300        # or --examples 20000
    python tests/fuzz_campaign.py --seconds 60 --seed 7

Each input is a mutant from tests/fuzzing.py, linted three ways: `lint_text`, `lint_data`
and, every `--cli-every` inputs, `designer lint` in process in each output format (then `render --draft` and
`export --draft` in both standards). A
failure is an exception or a broken invariant (fuzzing.check); failures are grouped by
exception type and the innermost frame of designer's code, and the first input of each
group is written to build/fuzz/ so it can be replayed with `designer lint`.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from fuzzing import Mutant, check, mutants
from hypothesis import HealthCheck, Phase, given, seed, settings

from designer.cli import main as designer_main
from designer.model.loader import load_text
from designer.rules.engine import lint_data, lint_text

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "build" / "fuzz"
BATCH = 200


def _signature(exc: BaseException) -> str:
    """Exception type and the innermost frame in designer (or the innermost at all)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/designer/" in f.filename] or frames
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno} {ours[-1].name}" if ours else "?"
    # Figures vary from input to input (line numbers, digit counts); the failure is the same.
    first = re.sub(r"\d+", "N", str(exc).splitlines()[0][:80]) if str(exc) else ""
    return f"{type(exc).__name__} at {where}: {first}"


def _cli(mutant: Mutant, folder: Path) -> None:
    path = folder / "mutant.yaml"
    path.write_text(mutant.text, encoding="utf-8", errors="surrogatepass")
    for fmt in ("text", "json", "github", "sarif"):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = designer_main(["lint", "--jobs", "1", "--format", fmt, str(path)])
        assert code in (0, 1, 2), f"exit {code}"
        assert "internal error" not in err.getvalue(), err.getvalue().strip()
        if fmt in ("json", "sarif"):
            json.loads(out.getvalue())
    # What a mutant gives the commands that write for others: the specification and both credential exports.
    for argv in (
        ["render", "--draft", "--format", "md", str(path)],
        ["export", "--draft", "--format", "elm", str(path)],
        ["export", "--draft", "--format", "ob3", "--credential", str(path)],
    ):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = designer_main(argv)
        assert code in (0, 1, 2), f"{argv[0]} {argv[-2]}: exit {code}"
        assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue(), err.getvalue().strip()
        if argv[0] == "export" and code == 0:
            json.loads(out.getvalue())


class Campaign:
    def __init__(self, cli_every: int) -> None:
        self.cli_every = cli_every
        self.inputs = 0
        self.failures: Counter[str] = Counter()
        self.samples: dict[str, Path] = {}
        self.folder = Path(tempfile.mkdtemp(prefix="designer-fuzz-"))

    def one(self, mutant: Mutant) -> None:
        self.inputs += 1
        steps = [
            lambda: check(lint_text(mutant.text, "mutant.yaml"), mutant.text),
            lambda: check(lint_data(mutant.data(), load_text(mutant.text).source, "mutant.yaml")),
        ]
        if self.inputs % self.cli_every == 0:
            steps.append(lambda: _cli(mutant, self.folder))
        for step in steps:
            try:
                step()
            except Exception as exc:
                self.record(_signature(exc), mutant)

    def record(self, signature: str, mutant: Mutant) -> None:
        self.failures[signature] += 1
        if signature not in self.samples:
            OUT.mkdir(parents=True, exist_ok=True)
            sample = OUT / f"failure-{len(self.samples) + 1}.yaml"
            sample.write_text(mutant.text, encoding="utf-8", errors="surrogatepass")
            self.samples[signature] = sample

    def batch(self, batch_seed: int, size: int) -> None:
        @seed(batch_seed)
        @settings(
            max_examples=size,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(mutants())
        def run(mutant: Mutant) -> None:
            self.one(mutant)

        run()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=0, help="run for this long (default: until --examples)")
    parser.add_argument("--examples", type=int, default=2000, help="inputs to generate when --seconds is 0")
    parser.add_argument("--seed", type=int, default=0, help="first batch seed (each batch adds one)")
    parser.add_argument("--cli-every", type=int, default=20, help="also run the CLI on every N-th input")
    args = parser.parse_args(argv)

    campaign = Campaign(args.cli_every)
    started = time.monotonic()
    batch_seed = args.seed
    while True:
        elapsed = time.monotonic() - started
        if (args.seconds and elapsed >= args.seconds) or (not args.seconds and campaign.inputs >= args.examples):
            break
        size = BATCH if args.seconds else min(BATCH, args.examples - campaign.inputs)
        campaign.batch(batch_seed, size)
        batch_seed += 1
        rate = campaign.inputs / (time.monotonic() - started)
        print(f"\r{campaign.inputs} inputs, {rate:.0f}/s, {len(campaign.failures)} unique failures", end="", flush=True)
    elapsed = time.monotonic() - started
    print(
        f"\n{campaign.inputs} inputs in {elapsed:.0f} s: {campaign.inputs / elapsed:.1f} inputs/s "
        f"(CLI on every {args.cli_every}th, in all four formats)"
    )
    if not campaign.failures:
        print("no failures")
        return 0
    print(f"{len(campaign.failures)} unique failures (count, signature, first input):")
    for signature, count in campaign.failures.most_common():
        print(f"  {count:6d}  {signature}\n          {campaign.samples[signature]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
