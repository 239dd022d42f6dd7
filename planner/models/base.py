"""The one pydantic configuration every model shares.

Strict (no silent coercion of "10" into 10), closed (unknown keys are an error, so a
typo in a scenario file is reported instead of ignored) and finite (NaN and infinity
would poison the optimiser and the JSON output).

Validators are built on first use (``defer_build``), not when the class is defined:
building them is most of pydantic's start-up cost, and a run of the app or the CLI
only ever validates a few of these models (a cached knowledge base, see
:mod:`planner.knowledge.cache`, validates none).

Validation is for what comes in from outside (files, flags, fields the user types).
Values the planner computes itself (the engine's Plan) are assembled with
:meth:`StrictModel.trusted`, without validation; tests check that validating them
would give exactly the same objects, so this never hides a bad value.
"""

from __future__ import annotations

import types
from collections.abc import Callable, Mapping
from typing import Any, Self, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        allow_inf_nan=False,
        frozen=True,
        validate_default=True,
        defer_build=True,
    )

    @classmethod
    def trusted(cls, data: Mapping[str, Any]) -> Self:
        """Build from values the caller guarantees are valid, without validating them.

        Nested dicts become their models and lists of dicts lists of models, as
        validation would; everything else is kept as given, so it must already have the
        field's exact type (a float field gets a float). Missing fields take their
        defaults; an unknown or missing required key is a KeyError.

        Equivalent to pydantic's ``model_construct`` for models without aliases, private
        attributes or a post-init hook (others are refused: a TypeError), but recursive
        and about twice as fast, which matters on the keystroke path: a plan holds
        hundreds of these.
        """
        names, plain, recipe = _SHAPES.get(cls) or _shape(cls)
        if data.keys() == names.keys():
            # Every field given (the engine's usual case): one pass in field order.
            if plain:
                values = {name: data[name] for name in names}
            else:
                values = {name: data[name] if convert is None else convert(data[name]) for name, convert, _, _ in recipe}
            return _instance(cls, values, set(names))
        values: dict[str, Any] = {}
        given = 0
        for name, convert, default, factory in recipe:
            if name in data:
                value = data[name]
                values[name] = value if convert is None else convert(value)
                given += 1
            elif default is _REQUIRED:
                raise KeyError(f"{cls.__name__}.{name} is required")
            else:
                values[name] = default() if factory else default
        if given != len(data):
            raise KeyError(f"{cls.__name__} has no field {sorted(set(data) - set(values))}")
        return _instance(cls, values, set(data))


def _instance(cls: type[StrictModel], values: dict[str, Any], fields_set: set[str]) -> Any:
    """What ``model_construct`` leaves behind, for a model without extras or privates."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", fields_set)
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


_set = object.__setattr__
_REQUIRED = object()
Converter = Callable[[Any], Any]
Recipe = list[tuple[str, Converter | None, Any, bool]]
Shape = tuple[dict[str, None], bool, Recipe]
_SHAPES: dict[type, Shape] = {}
"""Per class: its field names (in order, as dict keys for a fast key comparison),
whether no field needs converting, and per field its converter and default."""


def _shape(cls: type[StrictModel]) -> Shape:
    """Per class, once: its entry in :data:`_SHAPES`."""
    fields = cls.model_fields
    if cls.__pydantic_post_init__ or cls.__private_attributes__ or any(
        f.alias is not None or f.validation_alias is not None for f in fields.values()
    ):
        raise TypeError(f"{cls.__name__}.trusted: models with aliases, private attributes or post-init need model_construct")
    recipe = []
    for name, field in fields.items():
        convert = _converter(field.annotation)
        if field.is_required():
            recipe.append((name, convert, _REQUIRED, False))
        elif field.default_factory is not None:
            recipe.append((name, convert, field.default_factory, True))
        else:
            recipe.append((name, convert, field.default, False))
    shape = _SHAPES[cls] = (dict.fromkeys(fields), all(convert is None for _, convert, _, _ in recipe), recipe)
    return shape


def _converter(annotation: Any) -> Converter | None:
    """dict -> model for a model field, list of dicts -> list of models for a
    list-of-models field; ``None`` (keep the value) for anything else."""
    model = _model_in(annotation)
    if model is not None:
        return lambda value: model.trusted(value) if isinstance(value, dict) else value
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        inner = _model_in(item)
        if inner is not None:
            return lambda values: [inner.trusted(v) if isinstance(v, dict) else v for v in values]
    return None


def _model_in(annotation: Any) -> type[StrictModel] | None:
    """The model class an annotation names (``Model`` or ``Model | None``), if any."""
    if isinstance(annotation, type) and issubclass(annotation, StrictModel):
        return annotation
    if get_origin(annotation) in (Union, types.UnionType):
        models = [a for a in get_args(annotation) if isinstance(a, type) and issubclass(a, StrictModel)]
        return models[0] if len(models) == 1 else None
    return None
