"""Renderers of a `ReportSpec`, one module per format; all lay out the same spec and tables."""

FORMATS = ("txt", "md", "html", "docx", "pdf")
