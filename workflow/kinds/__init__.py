"""One folder per case kind: its flow (flow.py), its step views (views.py), forms (forms.py),
templates (templates/kiemtra/...) and the workflow half of its spec (spec.py, read by
registry.py). The base every kind's flow derives from is base.py."""
