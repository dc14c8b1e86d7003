"""Speed and agreement of counts mode (``--counts``) against the full pipeline and two
dictionary counters, on one core.

Run by hand (not part of the tests):

    python benchmarks/counts_speed.py [--corpus DIR] [--cache DIR] [--repeat 3]

In one run, over the same texts (read into memory first, so no timing includes the
disk), each in this process on one core:

- counts mode (``rhetor.counts.CountsAnalyser``): the whole record, mentions with
  offsets and evidence;
- a plain regex dictionary counter over the same lexicons, exported to a LIWC ``.dic``
  (the liwc-python approach: one alternation of the dictionary's entries per
  category, ``*`` as ``\\w*``, phrases as written, matched on lower-cased text);
- liwc-python itself (``pip install liwc``; skipped if not installed), with its
  README's tokeniser (``\\w+``) on the same ``.dic``; it matches single words only;
- the full pipeline (``rhetor.api.Analyser``: parse, match, attribute, report). With
  ``--cache DIR`` its parses come from (and go to) a parse cache: a warm cache gives
  the same mentions in seconds (``benchmarks/cache_rescore.py`` checks the records are
  identical) but then its time is a re-score, not a parse, and is labelled so.

Times are CPU seconds of this process (``time.process_time``), the best of
``--repeat`` runs for the counters: the time one core spent, which stays meaningful
when other work shares the machine's cores (wall time then is not).

Agreement is against the full pipeline's mentions: *found* is the share of its
mentions that a counter also reports, *extra* the counter's mentions it does not
have, as a share of the full pipeline's. Counts mode is compared mention by mention
(value, polarity and character offsets); the dictionary counters, which give no
offsets, by counts per document and value (min and excess). Words per second divide
the full pipeline's word count (tokens that are not punctuation) by each one's time.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import sys
import time
from collections import Counter
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "sotu" / "data"


def read_corpus(folder: Path) -> list[tuple[str, str]]:
    return [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]


def clock() -> float:
    """This process's CPU time: on a machine whose cores other work shares, the time
    one core spent, which wall time is not."""
    return time.process_time()


def best_of(repeat: int, action):
    """(fewest CPU seconds, result of the last run)."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = clock()
        result = action()
        best = min(best, clock() - started)
    return best, result


# -- the full pipeline ---------------------------------------------------------------------------


def run_full(texts, cache: str | None):
    from rhetor.api import Analyser
    from rhetor.options import AnalyseOptions

    analyser = Analyser(AnalyseOptions(cache=cache))
    started = clock()
    reports = [report for report, _ in analyser.analyse_many((text, name) for name, text in texts)]
    seconds = clock() - started
    cache_state = None
    if analyser.cache is not None:
        cache_state = (analyser.cache.hits, analyser.cache.misses)
    return seconds, reports, cache_state


# -- the dictionary counters ---------------------------------------------------------------------


def export_dic(lexicons) -> str:
    from rhetor.lexicon.interop import export_dic as dump

    return dump(lexicons.lexicons)


def dic_entries(dic: str) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """(category id -> name, [(pattern, [category names])]) of a .dic text."""
    lines = dic.splitlines()
    marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
    categories = dict(line.split("\t", 1) for line in lines[marks[0] + 1 : marks[1]] if line)
    entries = []
    for line in lines[marks[1] + 1 :]:
        if not line.strip():
            continue
        pattern, *ids = line.split("\t")
        entries.append((pattern, [categories[i] for i in ids]))
    return categories, entries


def value_polarity(category: str) -> tuple[str, str] | None:
    """("fairness", "virtue") from "fairness.virtue" or "fairness.virtue.ADJ"; None for
    exclude categories, which a dictionary counter does not apply."""
    parts = category.split(".")
    if len(parts) < 2 or parts[1] not in ("virtue", "vice"):
        return None
    return parts[0], parts[1]


def regex_counter(dic: str):
    """One compiled alternation per value, longest entries first."""
    _, entries = dic_entries(dic)
    patterns: dict[str, list[str]] = {}
    for pattern, categories in entries:
        for category in categories:
            target = value_polarity(category)
            if target is None:
                continue
            body = re.escape(pattern.rstrip("*")).replace(r"\ ", r"\s+")
            glob = r"\w*" if pattern.endswith("*") else ""
            patterns.setdefault(target[0], []).append(body + glob)
    compiled = {
        value: re.compile(r"\b(?:" + "|".join(sorted(set(p), key=len, reverse=True)) + r")\b")
        for value, p in patterns.items()
    }

    def count(text: str) -> Counter:
        lower = text.lower()
        return Counter({value: len(rx.findall(lower)) for value, rx in compiled.items()})

    return count


def liwc_counter(dic: str, scratch: Path):
    try:
        import liwc
    except ImportError:
        return None
    path = scratch / "values.dic"
    path.write_text(dic, encoding="utf-8")
    parse, _ = liwc.load_token_parser(str(path))
    token = re.compile(r"\w+", re.UNICODE)

    def count(text: str) -> Counter:
        tally = Counter(
            category for match in token.finditer(text.lower()) for category in parse(match.group(0))
        )
        found: Counter = Counter()
        for category, n in tally.items():
            target = value_polarity(category)
            if target:
                found[target[0]] += n
        return found

    return count


# -- agreement -----------------------------------------------------------------------------------


def mention_keys(reports) -> Counter:
    return Counter(
        (i, m.value, m.polarity, m.start, m.end)
        for i, report in enumerate(reports)
        for m in report.matches
    )


def per_value(reports) -> list[Counter]:
    return [Counter(m.value for m in report.matches) for report in reports]


def count_agreement(full: list[Counter], other: list[Counter]) -> tuple[float, float]:
    total = sum(sum(c.values()) for c in full)
    found = sum(min(f[v], o[v]) for f, o in zip(full, other, strict=True) for v in f)
    extra = sum(max(0, o[v] - f[v]) for f, o in zip(full, other, strict=True) for v in o)
    return found / total, extra / total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--cache", help="parse cache folder for the full pipeline")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each counter (best kept)")
    parser.add_argument("--show", type=int, default=12, help="most frequent misses and extras")
    args = parser.parse_args()

    from rhetor.counts import CountsAnalyser
    from rhetor.options import AnalyseOptions
    from rhetor.resources import cached_lexicons

    texts = read_corpus(args.corpus)
    print(f"corpus: {args.corpus} ({len(texts)} files, {sum(len(t) for _, t in texts):,} chars)")
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at start")
    print(f"python {sys.version.split()[0]}; {platform.processor() or platform.machine()}")

    full_seconds, full, cache_state = run_full(texts, args.cache)
    words = sum(r.stats.words for r in full)
    label = "parsed"
    if cache_state and cache_state[0]:
        label = f"from the parse cache ({cache_state[0]} hits, {cache_state[1]} parsed)"
    print(f"words (full pipeline's count): {words:,}")

    started = clock()
    analyser = CountsAnalyser(AnalyseOptions(counts=True))
    setup = clock() - started

    def count_all():
        # A fresh analyser each time: what it learns about words and runs of words
        # in one pass must not speed up the next.
        fresh = CountsAnalyser(AnalyseOptions(counts=True))
        started = clock()
        reports = [fresh.count(text) for _, text in texts]
        return clock() - started, reports

    counts_seconds, counts = min(
        (count_all() for _ in range(args.repeat)), key=lambda pair: pair[0]
    )

    lexicons = cached_lexicons((), True)
    dic = export_dic(lexicons)
    regex = regex_counter(dic)
    regex_seconds, regex_counts = best_of(args.repeat, lambda: [regex(t) for _, t in texts])
    scratch = Path(os.environ.get("TMPDIR", "/tmp"))
    liwc_count = liwc_counter(dic, scratch)
    liwc_result = None
    if liwc_count is not None:
        liwc_result = best_of(args.repeat, lambda: [liwc_count(t) for _, t in texts])

    full_values = per_value(full)
    print()
    print(f"{'counter':<34} {'CPU s':>8} {'words/s':>11}  {'found':>7} {'extra':>7}")
    rows = [
        (f"full pipeline ({label})", full_seconds, (1.0, 0.0)),
        ("rhetor --counts", counts_seconds, None),
        ("regex dictionary counter", regex_seconds, count_agreement(full_values, regex_counts)),
    ]
    if liwc_result is not None:
        agreement = count_agreement(full_values, liwc_result[1])
        rows.append(("liwc-python 0.5 (single words)", liwc_result[0], agreement))
    full_keys, counts_keys = mention_keys(full), mention_keys(counts)
    total = sum(full_keys.values())
    found = sum((full_keys & counts_keys).values())
    extra = sum((counts_keys - full_keys).values())
    rows[1] = (rows[1][0], counts_seconds, (found / total, extra / total))
    for name, seconds, (share_found, share_extra) in rows:
        print(
            f"{name:<34} {seconds:>8.2f} {words / seconds:>11,.0f}  "
            f"{share_found:>7.1%} {share_extra:>7.1%}"
        )
    print()
    print(
        f"full pipeline mentions: {total:,}; counts mode: {sum(counts_keys.values()):,} "
        f"({found:,} the same, {total - found:,} missed, {extra:,} extra, by offsets)"
    )
    by_count = count_agreement(full_values, per_value(counts))
    print(
        f"counts mode by counts per document and value: found {by_count[0]:.1%}, "
        f"extra {by_count[1]:.1%}"
    )
    counted_words = sum(r.stats.words for r in counts)
    print(f"counts mode's own word count: {counted_words:,} ({counted_words / words - 1:+.2%})")
    print(
        f"counts mode set-up (lexicons, word-form table): {setup:.2f} s; "
        f"word-form table: {len(analyser.forms):,} forms"
    )
    texts_of = [t for _, t in texts]
    show(full, counts, texts_of, args.show)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")
    return 0


def show(full, counts, texts, limit: int) -> None:
    """The most frequent misses and extras, by matched text, lower-cased."""
    full_keys, counts_keys = mention_keys(full), mention_keys(counts)
    missed: Counter = Counter()
    for (i, value, _, start, end), n in (full_keys - counts_keys).items():
        missed[(value, texts[i][start:end].lower())] += n
    extra: Counter = Counter()
    for (i, value, _, start, end), n in (counts_keys - full_keys).items():
        extra[(value, texts[i][start:end].lower())] += n
    for title, table in (("missed", missed), ("extra", extra)):
        common = table.most_common(limit)
        print(f"{title}: " + ", ".join(f"{t!r} ({v}) x{n}" for (v, t), n in common))


if __name__ == "__main__":
    sys.exit(main())
