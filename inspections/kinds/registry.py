"""The one registry of case kinds on the inspection side: it reads the SPEC of every module
in inspections/kinds/ (and any spec registered by hand, e.g. a test kind), and answers the
per-kind questions: the pipeline, whether a status is final, the whole-case time limit,
which kinds a kind may open."""

import importlib
import pkgutil
from collections.abc import Iterator, Mapping

from inspections.kinds.spec import KindSpec, Pipeline


class KindRegistry:
    def __init__(self, package: str):
        self._package = package
        self._specs: dict[str, KindSpec] = {}
        self._loaded = False

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        package = importlib.import_module(self._package)
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{self._package}.{module_info.name}")
            spec = getattr(module, "SPEC", None)
            if isinstance(spec, KindSpec):
                self.register(spec)

    def register(self, spec: KindSpec) -> KindSpec:
        if self._specs.get(spec.code, spec) is not spec:
            raise ValueError(f"case kind {spec.code} is already registered")
        self._specs[spec.code] = spec
        return spec

    def unregister(self, code: str) -> None:
        self._specs.pop(code, None)

    def get(self, code: str) -> KindSpec:
        self._load()
        try:
            return self._specs[code]
        except KeyError:
            raise LookupError(f"no case kind {code!r}") from None

    def __iter__(self) -> Iterator[KindSpec]:
        self._load()
        return iter(list(self._specs.values()))

    def pipeline_of(self, kind: str) -> Pipeline:
        return self.get(kind).pipeline

    def is_final(self, kind: str, status: str) -> bool:
        """A status the case cannot leave: closed, or ended early (not handled, transferred,
        withdrawn...). Final cases can be archived; they cannot be transferred or re-staffed."""
        return not self.pipeline_of(kind).get(status, ())

    def may_open(self, origin_kind: str, kind: str) -> bool:
        return kind in self.get(origin_kind).may_open


class _CaseLimits(Mapping):
    """kind -> rule-book code of its whole-case time limit, read from the specs (kinds with
    no such limit are absent)."""

    def __init__(self, kinds: KindRegistry):
        self._kinds = kinds

    def _codes(self) -> dict[str, str]:
        return {spec.code: spec.case_limit for spec in self._kinds if spec.case_limit}

    def __getitem__(self, kind: str) -> str:
        return self._codes()[kind]

    def __iter__(self):
        return iter(self._codes())

    def __len__(self) -> int:
        return len(self._codes())


registry = KindRegistry("inspections.kinds")
case_limits = _CaseLimits(registry)
pipeline_of = registry.pipeline_of
is_final = registry.is_final
