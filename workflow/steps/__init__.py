"""Step groups several case flows share (review, follow-up, the three phases, the ballot),
each laid out like a kind: flow.py (the nodes, a mixin for Flow classes), views.py,
forms.py and templates/."""
