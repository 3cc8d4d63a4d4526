"""Shared Python code of the microsite generator.

Data flows one way: ``data/*.yml`` → :mod:`scripts.policy` / :mod:`scripts.office` (validated once)
→ MkDocs hooks in ``overrides/hooks/`` and the print tools (``python -m scripts.<tool>``).
"""
