"""Build the Korean notebooks from the English ones and their translations.

    python scripts/build_korean.py [NN_name ...]   # notebooks/ko/NN_name.ipynb (default: all)
    python scripts/build_korean.py --stubs      # first add an en:TODO entry, holding the
                                                # English text, for every untranslated cell
    python scripts/build_korean.py --sign       # record the English hash of every en:TODO
                                                # entry that now holds a translation

Each Korean notebook is the English notebook with its markdown cells replaced by the entries
of notebooks/ko/translations/NN_name.md (see rnnlib/course/translations.py); code cells are
copied, never edited by hand. A notebook whose translation is missing, unfinished or stale is
not built: the script names each such cell and exits 1. Then execute the built notebooks with
scripts/execute_notebooks.py (``make notebooks`` does both editions).
"""
import argparse
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from rnnlib.course import translations  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stubs", action="store_true",
                        help="add en:TODO entries for markdown cells without a translation")
    parser.add_argument("--sign", action="store_true",
                        help="mark en:TODO entries whose text is no longer the English text "
                             "as translations of the current English cell")
    parser.add_argument("names", nargs="*", help="notebooks to handle, e.g. 02_hidden_state_shapes "
                                                 "(default: all)")
    args = parser.parse_args(argv)
    failed = 0
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if args.names and path.stem not in args.names:
            continue
        english = nbformat.read(path, as_version=4)
        source = translations.translation_path(path)
        entries = translations.read(source)
        if args.stubs:
            completed = translations.stubs(english, entries)
            if completed != entries:
                translations.write(source, completed)
                print(f"{source.relative_to(ROOT)}: {len(completed) - len(entries)} new entries")
            entries = completed
        if args.sign:
            signed = translations.sign(english, entries)
            if signed != entries:
                translations.write(source, signed)
            entries = signed
        trouble = translations.problems(english, entries, path.name)
        if trouble:
            failed += 1
            print("\n".join(trouble), file=sys.stderr)
            continue
        target = translations.korean_path(path)
        old = nbformat.read(target, as_version=4) if target.exists() else None
        korean = translations.build(english, entries)
        if old is not None and _same_cells(old, korean):
            continue                               # unchanged: keep its stored outputs
        nbformat.write(korean, target)
        print(f"built {target.relative_to(ROOT)}: execute it to store its outputs")
    return 1 if failed else 0


def _same_cells(a, b):
    """The same sources and metadata, cell by cell (outputs aside)."""
    strip = lambda nb: [(c.cell_type, c.source, c.metadata) for c in nb.cells]
    return strip(a) == strip(b)


if __name__ == "__main__":
    sys.exit(main())
