"""SequentialGraphRunner gives what Rasa's DaskGraphRunner gives: on random graphs and targets the
same outputs from the same node calls, and the same errors."""

from __future__ import annotations

from typing import Any

import pytest
import rasa.core.processor
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.engine.exceptions import GraphComponentException, GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from rasa_addons import graph_runner
from rasa_addons.graph_runner import SequentialGraphRunner

INPUTS = ("__message__", "__tracker__")


class Recorder(GraphComponent):
    """Returns its own name with what it was given, and logs each call."""

    calls: list[str] = []

    @classmethod
    def create(cls, config: dict[str, Any], model_storage, resource, execution_context) -> Recorder:
        return cls(config)

    def __init__(self, config: dict[str, Any]) -> None:
        self.label = config["label"]
        self.fails = config.get("fails", False)

    def combine(self, **given: Any) -> tuple:
        Recorder.calls.append(self.label)
        if self.fails:
            raise ValueError(f"{self.label} failed")
        return (self.label, tuple(sorted(given.items())))


def node(label: str, needs: dict[str, str], **config: Any) -> SchemaNode:
    return SchemaNode(
        needs=needs, uses=Recorder, constructor_name="create", fn="combine", config={"label": label, **config}
    )


@st.composite
def graphs(draw) -> tuple[GraphSchema, list[str]]:
    """A random DAG: each node needs some earlier nodes and some inputs, under random names."""
    size = draw(st.integers(1, 9))
    nodes: dict[str, SchemaNode] = {}
    for index in range(size):
        sources = [*INPUTS, *nodes]
        chosen = draw(st.lists(st.sampled_from(sources), unique=True, max_size=4))
        nodes[f"n{index}"] = node(f"n{index}", {f"p{k}": source for k, source in enumerate(chosen)})
    targets = draw(st.lists(st.sampled_from(sorted(nodes)), unique=True, min_size=1, max_size=3))
    return GraphSchema(nodes), targets


def runners(schema: GraphSchema, tmp_path) -> tuple[DaskGraphRunner, SequentialGraphRunner]:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=schema, model_id="test")
    return (
        DaskGraphRunner.create(schema, storage, context),
        SequentialGraphRunner.create(schema, storage, context),
    )


def run_logged(runner: DaskGraphRunner, **kwargs: Any) -> tuple[Any, list[str]]:
    Recorder.calls = []
    result = runner.run(**kwargs)
    return result, Recorder.calls


@settings(max_examples=150, deadline=None)
@given(graph=graphs(), repeat=st.integers(1, 3))
def test_same_outputs_from_the_same_calls_as_dask(graph, repeat, tmp_path_factory):
    schema, targets = graph
    dask_runner, our_runner = runners(schema, tmp_path_factory.mktemp("model"))
    inputs = {"__message__": ["hi"], "__tracker__": "the tracker"}
    expected, dask_calls = run_logged(dask_runner, inputs=inputs, targets=targets)
    for _ in range(repeat):  # the plan for these targets is remembered: it must stay right
        got, our_calls = run_logged(our_runner, inputs=inputs, targets=targets)
        assert got == expected
        assert sorted(our_calls) == sorted(dask_calls)  # each needed node once, no other
    for position, label in enumerate(our_calls):  # and every node after the nodes it needs
        earlier = set(our_calls[:position])
        assert {need for need in schema.nodes[label].needs.values() if need in schema.nodes} <= earlier


def test_without_targets_runs_the_schemas_targets(tmp_path):
    schema = GraphSchema(
        {
            "a": node("a", {"m": "__message__"}),
            "b": SchemaNode(
                needs={"x": "a"},
                uses=Recorder,
                constructor_name="create",
                fn="combine",
                config={"label": "b"},
                is_target=True,
            ),
        }
    )
    dask_runner, our_runner = runners(schema, tmp_path)
    assert our_runner.run(inputs={"__message__": 1}) == dask_runner.run(inputs={"__message__": 1})
    assert set(our_runner.run(inputs={"__message__": 1})) == {"b"}


def test_an_input_it_was_not_given_is_a_graph_run_error(tmp_path):
    schema = GraphSchema({"a": node("a", {"m": "__message__"})})
    for runner in runners(schema, tmp_path):
        with pytest.raises(GraphRunError, match="Expected input '__message__'"):
            runner.run(inputs={}, targets=["a"])


def test_an_input_value_that_names_a_node_is_refused(tmp_path):
    schema = GraphSchema({"a": node("a", {"m": "__message__"})})
    for runner in runners(schema, tmp_path):
        with pytest.raises(GraphRunError, match="clashes with a node name"):
            runner.run(inputs={"__message__": "a"}, targets=["a"])


def test_an_input_named_like_a_node_stands_in_for_it(tmp_path):
    schema = GraphSchema({"a": node("a", {"m": "__message__"}), "b": node("b", {"x": "a"})})
    dask_runner, our_runner = runners(schema, tmp_path)
    expected, dask_calls = run_logged(dask_runner, inputs={"a": "given"}, targets=["b"])
    got, our_calls = run_logged(our_runner, inputs={"a": "given"}, targets=["b"])
    assert got == expected and our_calls == dask_calls == ["b"]


def test_a_failing_component_raises_as_with_dask(tmp_path):
    schema = GraphSchema({"a": node("a", {"m": "__message__"}, fails=True), "b": node("b", {"x": "a"})})
    for runner in runners(schema, tmp_path):
        with pytest.raises(GraphComponentException, match="node a"):
            runner.run(inputs={"__message__": 1}, targets=["b"])


def test_install_makes_rasa_load_models_with_it():
    before = rasa.core.processor.DaskGraphRunner
    try:
        graph_runner.install()
        assert rasa.core.processor.DaskGraphRunner is SequentialGraphRunner
    finally:
        rasa.core.processor.DaskGraphRunner = before
