"""The ground floor: small helpers that know no app of ours.

Nothing under `lib` imports a project app (`catalogue`, `producers`, `marketplace`, …), not
even lazily; apps build on it and register with it (page-cache holes, named versions).
`tests/unit/test_architecture.py` holds that rule.
"""
