"""Kind-specific cards on the case page (issue 3). A case kind registers one function that
returns the template to include and its context; the case page shows it below the summary.

Each function must read with a constant number of queries and only what the viewer may see
(the case page has already checked "view" on the case)."""

from collections.abc import Callable

# kind -> (user, case) -> (template name, context dict)
PANELS: dict[str, Callable] = {}


def register(*kinds: str):
    def decorate(fn):
        for kind in kinds:
            PANELS[kind] = fn
        return fn

    return decorate


def panel_for(user, case):
    fn = PANELS.get(case.kind)
    if fn is None:
        return None
    template, context = fn(user, case)
    return {"template": template, "context": context}
