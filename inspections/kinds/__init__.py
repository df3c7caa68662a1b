"""The inspection-side spec of each case kind, one module per kind (inspections/kinds/<kind>.py),
and the one registry that reads them (`inspections.kinds.registry.registry`).

A kind's module defines `SPEC = KindSpec(...)`: its code, title, status pipeline, time-limit
codes, document kinds and the kinds a case of it may open. Nothing else in the code keeps a
table keyed by kind: whatever needs "for each kind" asks the registry. The workflow half of
a kind (flow, start form and service, case-page panel, menu icon) is in
workflow/kinds/<kind>/spec.py; this package never imports workflow.
"""
