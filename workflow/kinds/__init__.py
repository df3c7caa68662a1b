"""One folder per case kind: its flow (flow.py), its step views (views.py), forms (forms.py)
and templates (templates/kiemtra/...). The base every kind's flow derives from is base.py."""
