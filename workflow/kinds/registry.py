"""The one registry of case kinds on the workflow side: it reads workflow/kinds/<kind>/spec.py
of every kind folder (and any spec registered by hand, e.g. a test kind) and pairs it with the
kind's inspection-side spec (inspections.kinds.registry). Menus, the case-page panel and the
start of a spawned case's flow all read it."""

import importlib
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from inspections.kinds.registry import registry as kinds
from inspections.kinds.spec import KindSpec


@dataclass(frozen=True)
class FlowSpec:
    """The workflow half of a case kind.

    `flow` is its Flow class (None for C1's log, which has no process); `icon` its Material
    menu icon and `menu_order` its place in the menu. `start_form` and `start_service` are
    the form of the kind's opening page and the service it calls. `panel(user, case)`
    returns (template name, context) of the kind's card on the case page, or is None. A flow
    with a `spawned` StartHandle can be started for a case another case gave rise to."""

    kind: str
    flow: type | None
    start_form: type
    start_service: Callable
    icon: str = ""
    menu_order: int = 0
    panel: Callable | None = None

    @property
    def inspection(self) -> KindSpec:
        return kinds.get(self.kind)

    @property
    def spawnable(self) -> bool:
        return self.flow is not None and "spawned" in {node.name for node in self.flow.instance.nodes()}


class FlowRegistry:
    def __init__(self, package: str):
        self._package = package
        self._specs: dict[str, FlowSpec] = {}
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        package = importlib.import_module(self._package)
        for module_info in pkgutil.iter_modules(package.__path__):
            if module_info.ispkg:
                module = importlib.import_module(f"{self._package}.{module_info.name}.spec")
                self.register(module.SPEC)

    def register(self, spec: FlowSpec) -> FlowSpec:
        kinds.get(spec.kind)  # the inspection half must exist
        if self._specs.get(spec.kind, spec) is not spec:
            raise ValueError(f"case kind {spec.kind} already has a workflow spec")
        self._specs[spec.kind] = spec
        return spec

    def unregister(self, kind: str) -> None:
        self._specs.pop(kind, None)

    def get(self, kind: str) -> FlowSpec:
        self._load()
        try:
            return self._specs[kind]
        except KeyError:
            raise LookupError(f"no workflow spec for case kind {kind!r}") from None

    def __iter__(self) -> Iterator[FlowSpec]:
        self._load()
        return iter(list(self._specs.values()))

    def with_flows(self) -> list[FlowSpec]:
        """The kinds that run a flow, in menu order."""
        return sorted((spec for spec in self if spec.flow is not None), key=lambda spec: spec.menu_order)


registry = FlowRegistry("workflow.kinds")
