"""A ninth case kind that exists only in the tests (test_new_kind.py): one folder holding its
two specs and its flow, as the README's "Adding a ninth kind" walk-through says. It is an
app only while its test runs (viewflow stores a flow by its app and module path)."""
