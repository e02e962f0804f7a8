"""Run the loaded model's graph in a plain loop instead of through dask, for each message.

Rasa 3.6 runs the prediction graph several times per message: once to understand the text, then
once per predicted action. Each run worked out the targets' dependencies again (recursively, with
no memo), built a dask graph and handed it to dask's synchronous scheduler. For our graph of a
dozen small nodes that bookkeeping was about a tenth of Rasa's CPU per message in the profile.

`SequentialGraphRunner` is Rasa's `DaskGraphRunner` with only `run` replaced: for each set of
targets it works out once which nodes are needed, in an order where every node comes after the
nodes it needs, and then calls the same `GraphNode`s with the same arguments dask would pass: each
need's `(node name, output)` pair, and `(input name, value)` for the run's inputs. It returns the
targets' outputs as `DaskGraphRunner.run` does, and raises `GraphRunError` where it does.

Training keeps Rasa's runner; `install()` replaces the runner that `rasa run` and `rasa test` load
models with. Installed by rasa_addons.tracker_store, which Rasa imports before it loads the model.
"""

from __future__ import annotations

from typing import Any

import rasa.core.processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphNode
from rasa.engine.runner.dask import DaskGraphRunner


class SequentialGraphRunner(DaskGraphRunner):
    """`DaskGraphRunner` whose `run` calls the needed nodes in dependency order itself."""

    def run(
        self,
        inputs: dict[str, Any] | None = None,
        targets: list[str] | None = None,
    ) -> dict[str, Any]:
        """Runs the graph (see `GraphRunner.run`)."""
        run_targets = tuple(targets) if targets else tuple(self._graph_schema.target_names)
        steps = self._steps(run_targets)
        if inputs and not steps.node_names.isdisjoint(inputs):
            # An input standing in for a node: rare enough to leave to dask, which handles it.
            return super().run(inputs, targets)
        values: dict[str, Any] = {}
        for input_name, input_value in (inputs or {}).items():
            if isinstance(input_value, str) and input_value in steps.node_names:
                raise GraphRunError(
                    f"Input value '{input_value}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema."
                )
            values[input_name] = (input_name, input_value)
        try:
            for node_name, node, needs in steps.calls:
                # An input the run was not given reaches the node as its bare name, as from dask;
                # GraphNode then raises GraphRunError naming it.
                values[node_name] = node(*(values.get(need, need) for need in needs))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        return dict(values[target] for target in run_targets)

    def _steps(self, targets: tuple[str, ...]) -> _Steps:
        cache: dict[tuple[str, ...], _Steps] = self.__dict__.setdefault("_steps_by_targets", {})
        steps = cache.get(targets)
        if steps is None:
            steps = cache[targets] = _Steps.plan(self, targets)
        return steps


class _Steps:
    """The nodes a run with these targets calls, each after the nodes it needs."""

    def __init__(self, calls: list[tuple[str, GraphNode, tuple[str, ...]]], node_names: frozenset[str]):
        self.calls = calls
        self.node_names = node_names

    @classmethod
    def plan(cls, runner: SequentialGraphRunner, targets: tuple[str, ...]) -> _Steps:
        schema = runner._graph_schema.minimal_graph_schema(list(targets))
        calls: list[tuple[str, GraphNode, tuple[str, ...]]] = []
        placed: set[str] = set()

        def place(node_name: str, path: tuple[str, ...]) -> None:
            if node_name in placed or node_name not in schema.nodes:  # done, or an input
                return
            if node_name in path:
                raise GraphRunError(f"The graph has a cycle through '{node_name}'.")
            needs = tuple(schema.nodes[node_name].needs.values())
            for need in needs:
                place(need, (*path, node_name))
            placed.add(node_name)
            calls.append((node_name, runner._instantiated_nodes[node_name], needs))

        for target in targets:
            place(target, ())
        return cls(calls, frozenset(schema.nodes))


def install() -> None:
    """Make Rasa load models for serving and testing with `SequentialGraphRunner` (idempotent)."""
    rasa.core.processor.DaskGraphRunner = SequentialGraphRunner  # type: ignore[misc]
