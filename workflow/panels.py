"""Kind-specific cards on the case page (issue 3). A kind's spec (workflow/kinds/<kind>/spec.py)
names one function that returns the template to include and its context; the case page shows
it below the summary.

Each function must read with a constant number of queries and only what the viewer may see
(the case page has already checked "view" on the case)."""

from workflow.kinds.registry import registry


def panel_for(user, case):
    try:
        fn = registry.get(case.kind).panel
    except LookupError:
        return None
    if fn is None:
        return None
    template, context = fn(user, case)
    return {"template": template, "context": context}
