"""Steps that several case kinds take the same way, as services the kind services call
(design.md "One home per case kind": inspections/services/steps/).

- `closing`: a case ends (status CLOSED, the day it closed, journaled);
- `report_review`: the team's versioned report submitted and accepted or sent back;
- `meeting_ballot`: a body's meeting that opens a secret ballot, and its count.

A step checks its own rules and journals what it did; the kind service checks who may act
(access.require) and the kind's own conditions before calling it.
"""
