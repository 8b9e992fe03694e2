"""Rebuild the spaCy pipeline in models/vpdocs_nl from the rule data in models/rules.

Run after editing models/rules/*: `python scripts/build_model.py`. The tests fail when the
committed pipeline and a fresh build differ.
"""

from __future__ import annotations

import shutil
import sys

from vpdocs.entities import build_pipeline
from vpdocs.lexicon import pipeline_path, rules_dir


def main() -> int:
    target = pipeline_path()
    nlp = build_pipeline(rules_dir())
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    print(f"wrote {target} ({', '.join(nlp.pipe_names)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
