"""What a stage is, and the registry of stages by name.

A stage adds one *layer* to each article of a batch. As spaCy's factories do, it declares what it
needs and what it writes:

- ``requires``: the layers that must exist before it runs (``"doc"`` is the shared parse);
- ``assigns``: the layers it adds;
- ``refines``: earlier layers it is allowed to improve in place (the places stage sets the country
  of place-like entities, for instance). Anything else it must leave as it found it.

The layers are ``doc`` (on :class:`Work`) and the list fields of :class:`newsledger.model.Article`:
``entities``, ``places``, ``dates``, ``amounts``, ``quotes``, ``events``.

Stages are found by name: the built-in ones (``BUILTIN_STAGES``), those registered with
:func:`register_stage`, and those a user's package declares in the ``newsledger.stages`` entry-point
group (``name = "package.module:Factory"`` in its ``pyproject.toml``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any, Protocol, TypeVar

from newsledger.model import Article

LAYERS = ("doc", "entities", "places", "dates", "amounts", "quotes", "events")
ENTRY_POINT_GROUP = "newsledger.stages"


@dataclass
class Work:
    """An article on its way through the pipeline, with what stages share."""

    article: Article
    doc: Any = None  # the language model's parse, set once by the parse stage


class Stage(Protocol):
    """One step of the pipeline: adds its layers to each article of a batch."""

    name: str

    @property
    def requires(self) -> tuple[str, ...]:
        """The layers a stage before this one must assign (see :data:`LAYERS`)."""
        ...

    @property
    def assigns(self) -> tuple[str, ...]:
        """The layers this stage adds."""
        ...

    def __call__(self, batch: list[Work]) -> None: ...


class PipelineOrderError(ValueError):
    """A stage needs a layer that no stage before it assigns (or declares a layer nobody knows)."""


class TextRewritten(RuntimeError):
    """A stage changed an article's text, which would break every offset."""


class LayerRewritten(RuntimeError):
    """A stage changed a layer it neither assigns nor declares that it refines."""


def refines(stage: object) -> tuple[str, ...]:
    return tuple(getattr(stage, "refines", ()))


def check_order(stages: Sequence[object]) -> None:
    """Refuse a pipeline in which a stage runs before what it requires is assigned."""
    have: set[str] = set()
    for stage in stages:
        name = getattr(stage, "name", type(stage).__name__)
        requires = tuple(getattr(stage, "requires", ()))
        assigns = tuple(getattr(stage, "assigns", ()))
        for layer in (*requires, *assigns, *refines(stage)):
            if layer not in LAYERS:
                raise PipelineOrderError(f"stage {name!r} declares an unknown layer {layer!r} (known: {LAYERS})")
        missing = [layer for layer in (*requires, *refines(stage)) if layer not in have]
        if missing:
            raise PipelineOrderError(f"stage {name!r} requires {', '.join(missing)}, which no stage before it assigns")
        have.update(assigns)


ARTICLE_LAYERS = LAYERS[1:]


def layer_snapshot(batch: list[Work]) -> list[tuple[tuple[int, int], ...]]:
    """Identity and length of every article layer: cheap enough to take around each stage."""
    return [
        tuple((id(getattr(work.article, layer)), len(getattr(work.article, layer))) for layer in ARTICLE_LAYERS)
        for work in batch
    ]


def check_layers(stage: object, before: list[tuple[tuple[int, int], ...]], batch: list[Work]) -> None:
    """Refuse a stage that replaced, grew or shrank a layer it does not own."""
    allowed = {*getattr(stage, "assigns", ()), *refines(stage)}
    for old, new in zip(before, layer_snapshot(batch), strict=True):
        for layer, was, now in zip(ARTICLE_LAYERS, old, new, strict=True):
            if was != now and layer not in allowed:
                name = getattr(stage, "name", type(stage).__name__)
                raise LayerRewritten(f"stage {name!r} changed the {layer} layer, which it does not assign or refine")


StageFactory = Callable[..., Stage]
# The built-in stages, imported only when a pipeline asks for them (so `import newsledger` stays light).
BUILTIN_STAGES = {
    "parse": "newsledger.stages.parse:ParseStage",
    "entities": "newsledger.stages.entities:EntityStage",
    "places": "newsledger.stages.places:PlaceStage",
    "dates": "newsledger.stages.dates:DateStage",
    "amounts": "newsledger.stages.amounts:AmountStage",
    "quotes": "newsledger.stages.quotes:QuoteStage",
    "events": "newsledger.stages.events:EventStage",
}
_REGISTRY: dict[str, StageFactory] = {}
F = TypeVar("F", bound=Callable[..., Any])


def register_stage(name: str) -> Callable[[F], F]:
    """Register a stage factory (a class or a function returning a stage) under ``name``."""

    def decorate(factory: F) -> F:
        _REGISTRY[name] = factory
        return factory

    return decorate


def stage_factory(name: str) -> StageFactory:
    """The factory registered as ``name``: registered ones, the built-in stages, then the entry-point group."""
    if name in _REGISTRY:
        return _REGISTRY[name]
    if name in BUILTIN_STAGES:
        module, attribute = BUILTIN_STAGES[name].split(":")
        factory = getattr(import_module(module), attribute)
        _REGISTRY[name] = factory
        return factory
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        if entry.name == name:
            loaded: StageFactory = entry.load()
            _REGISTRY[name] = loaded
            return loaded
    known = sorted({*_REGISTRY, *BUILTIN_STAGES, *(entry.name for entry in entry_points(group=ENTRY_POINT_GROUP))})
    raise PipelineOrderError(f"no stage named {name!r} (known: {', '.join(known)})")
