"""Stage 5 — batches: thousands of reports at once, in parallel, resumable, across years and bodies.

`xxgk-audit check DIR --workers N --output-dir OUT [--store PATH] [--resume] [--timeout S]
[--scheduler ADDRESS]` runs `flow.run`; the modules, each named for what it holds:

| module | what it holds |
| --- | --- |
| `flow.py` | the batch: read every file (in parallel), pair the reports, finish each in path order |
| `runner.py` | the process pool: per-file time limit, crash and memory guard, worker recycling |
| `warm.py` | what the fork server loads before it forks workers |
| `work.py` | the work of one file: `extract` (read + the rules of one report), `finish` (rules across reports, outputs) |
| `record.py` | a report as a compact record (what the rules across reports and the renderers need) |
| `store.py` | the SQLite store of what every report said, kept from year to year |
| `outdir.py` | OUT: per-report issue lists (JSON, Markdown), summary.csv, index.html; atomic writes |
| `progress.py` | the progress bar (or plain lines) on stderr |
| `dask.py` | the reading of every file on a Dask cluster |

Importing this package imports nothing heavy. Body names (`check/names.py`) and text similarity
(`check/similarity.py`: TF-IDF by section, MinHash/LSH, figure fingerprints) live with the rules
across reports that need them; the batch uses them to find each report's partners.
"""
