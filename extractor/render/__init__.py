"""Stage 5 — report: a checked `Report` written as JSON/JSONL, text, CSV, SARIF or HTML."""
