"""``rhetor evaluate``: score attribution against a gold file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rhetor.cli.app import app
from rhetor.cli.options import (
    LexiconOption,
    MinConfidenceOption,
    ModelOption,
    NoDefaultLexiconsOption,
    build_options,
)
from rhetor.cli.support import run_guarded, terminal_context, write_output


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[
        Path,
        typer.Argument(
            metavar="GOLD.yaml",
            help="Annotated passages with sides and the expected [value, side, stance] triples.",
        ),
    ],
    json_output: Annotated[bool, typer.Option("--json", help="Write the scores as JSON.")] = False,
    lexicon: LexiconOption = None,
    no_default_lexicons: NoDefaultLexiconsOption = False,
    model: ModelOption = None,
    min_confidence: MinConfidenceOption = None,
) -> None:
    """Score attribution against a gold file: precision, recall and F1 over
    (value, side, stance) triples and (value, side) pairs, counting the claims at or
    above the confidence threshold; then the scores at several thresholds, the
    reliability of the confidences and their expected calibration error."""

    def run() -> None:
        options = build_options(
            model, lexicon, no_default_lexicons, None, None, min_confidence=min_confidence
        )
        evaluate(gold, options, json_output)

    run_guarded(run)


def evaluate(gold: Path, options, json_output: bool) -> None:
    import json
    from dataclasses import replace

    from rhetor.api import get_analyser
    from rhetor.evaluation.scoring import run_gold
    from rhetor.options import AnalyseOptions

    def analyse_passage(text: str, sides=None, government=()):
        passage_options = replace(
            options, sides=AnalyseOptions.freeze_sides(sides), government=tuple(government)
        )
        return get_analyser(passage_options).analyse(text)

    evaluation = run_gold(gold, analyse_passage)
    if json_output:
        from rhetor.evaluation.calibration import calibration_dict

        document = {**evaluation.to_dict(), "calibration": calibration_dict(evaluation.results)}
        write_output(json.dumps(document, ensure_ascii=False, indent=2) + "\n", None)
        return
    from rhetor.formats.evaluation import render_evaluation

    write_output(render_evaluation(evaluation, terminal_context()), None)
